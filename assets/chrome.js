/* Streamlit 1.67's own controls, fixed for keyboard and screen-reader users (see README, Accessibility).
   Static: every word comes from data attributes on the [data-chrome] element, which ui.py renders
   escaped. Streamlit runs this again whenever the element is drawn, so the observer and the listener
   are added once; each run and each change of the page applies the words again.
   Never write a less-than sign in this file: Streamlit 1.67 drops an inline script that has one. */
(function () {
  "use strict";

  var state = window.chromeFixes;
  if (!state) {
    state = window.chromeFixes = { pending: false };
    /* Streamlit draws its header and menu buttons anew when the window changes size or the menu opens. */
    new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
    document.addEventListener("click", onClick, true);
  }
  apply();

  function schedule() {
    if (!state.pending) {
      state.pending = true;
      window.requestAnimationFrame(function () {
        state.pending = false;
        apply();
      });
    }
  }

  function words() {
    var all = document.querySelectorAll("[data-chrome]");
    return all.length ? all[all.length - 1] : null;
  }

  function name(selector, label) {
    var element = document.querySelector(selector);
    if (element && label && element.getAttribute("aria-label") !== label) {
      element.setAttribute("aria-label", label);
      element.setAttribute("data-label", label);
    }
  }

  function apply() {
    var element = words();
    if (!element) {
      return;
    }
    /* The phone menu button: Streamlit names it "Expand sidebar" and shows a bare double arrow.
       assets/site.css shows its data-label beside a menu icon. */
    name('[data-testid="stExpandSidebarButton"]', element.getAttribute("data-menu"));
    /* The button that closes the menu: Streamlit names it "Collapse sidebar". */
    name('[data-testid="stSidebarCollapseButton"] button', element.getAttribute("data-close-menu"));
    /* Streamlit has no live regions: a container keyed "live_..." (st.container(key=...)) keeps its
       element between runs, so marking it once makes what changes inside it heard, politely. */
    document.querySelectorAll('[class*="st-key-live_"]').forEach(function (region) {
      if (region.getAttribute("role") !== "status") {
        region.setAttribute("role", "status");
        region.setAttribute("aria-live", "polite");
        region.setAttribute("aria-atomic", "true");
      }
    });
  }

  /* The header's "Help now" link: bring the crisis strip into view and move the focus to it,
     without adding a #fragment to the address. */
  function onClick(event) {
    var link = event.target && event.target.closest ? event.target.closest("[data-help-now]") : null;
    var strip = link ? document.getElementById(link.getAttribute("href").slice(1)) : null;
    if (strip) {
      event.preventDefault();
      strip.scrollIntoView({ block: "start" });
      strip.focus({ preventScroll: true });
    }
  }
})();
