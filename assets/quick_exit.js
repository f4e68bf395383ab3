/* Quick exit, after GOV.UK's "Exit this page" (see README, "Visitor safety").
   Static: the address and every word come from data attributes on the [data-quick-exit] element,
   which ui.py renders escaped. Streamlit runs this again whenever the element is drawn, so the
   listeners are added once, and each run only refreshes the skip link.
   Never write a less-than sign in this file: Streamlit 1.67 drops an inline script that has one. */
(function () {
  "use strict";

  var PRESSES = 3;
  var WINDOW_MS = 5000;
  var state = window.quickExitState;

  if (!state) {
    state = window.quickExitState = { presses: 0, timer: 0, modified: false, url: "about:blank" };
    document.addEventListener("click", onClick, true);
    window.addEventListener("keyup", onKeyUp, true);
    window.addEventListener("pageshow", onPageShow);
  }
  refresh();

  function root() {
    var all = document.querySelectorAll("[data-quick-exit]");
    return all.length ? all[all.length - 1] : null;
  }

  function destination(element) {
    var url = element.getAttribute("data-url") || "";
    return url.indexOf("https://") === 0 ? url : "about:blank";
  }

  /* The skip links come first in the page, so the exit is the first stop of the Tab key and
     "skip to main content" the second. They stand in a landmark of their own: Streamlit 1.67's own
     skip link stands outside every landmark and after the exit link, where axe's region rule flags
     it, so assets/site.css hides it and this one takes its place. */
  function refresh() {
    var element = root();
    if (!element) {
      return;
    }
    state.url = destination(element);
    var region = document.getElementById("skip-links");
    var link = document.getElementById("quick-exit-skip");
    var main = document.getElementById("skip-to-main");
    if (!region || !link || !main) {
      region = document.createElement("nav");
      region.id = "skip-links";
      link = document.createElement("a");
      link.id = "quick-exit-skip";
      link.className = "quick-exit-skip";
      link.setAttribute("data-quick-exit-link", "");
      link.setAttribute("rel", "noopener noreferrer");
      main = document.createElement("a");
      main.id = "skip-to-main";
      main.className = "quick-exit-skip";
      main.setAttribute("href", "#stMain");
      region.appendChild(link);
      region.appendChild(main);
    }
    region.setAttribute("aria-label", element.getAttribute("data-region") || "");
    link.setAttribute("href", state.url);
    link.textContent = element.getAttribute("data-skip") || "";
    main.textContent = element.getAttribute("data-main") || "";
    if (document.body.firstChild !== region) {
      document.body.insertBefore(region, document.body.firstChild);
    }
  }

  function say(key) {
    var element = root();
    var status = element ? element.querySelector("[data-quick-exit-status]") : null;
    if (status) {
      status.textContent = key ? element.getAttribute("data-" + key) || "" : "";
    }
  }

  function leave() {
    window.clearTimeout(state.timer);
    say("leaving");
    /* Hide the page at once, so nothing stays on screen or in the tab order while the next one loads. */
    document.body.style.setProperty("display", "none", "important");
    document.documentElement.setAttribute("data-quick-exit-used", "");
    try {
      window.sessionStorage.clear();
      window.localStorage.clear();
    } catch (ignored) {
      /* Storage may be switched off; leaving matters more. */
    }
    /* replace(): this page is not kept as a step for the Back button. */
    window.location.replace(state.url);
  }

  function onClick(event) {
    var target = event.target;
    var link = target && target.closest ? target.closest("[data-quick-exit-link]") : null;
    if (link) {
      event.preventDefault();
      event.stopPropagation();
      leave();
    }
  }

  /* Shift on its own, three times, each press within five seconds of the last. A Shift used with
     another key (Shift+A) does not count, and any other key starts the count again. */
  function onKeyUp(event) {
    if (event.key === "Shift" && !state.modified) {
      state.presses += 1;
      window.clearTimeout(state.timer);
      if (state.presses >= PRESSES) {
        state.presses = 0;
        leave();
      } else {
        say(state.presses === 1 ? "press-two" : "press-one");
        state.timer = window.setTimeout(expire, WINDOW_MS);
      }
    } else if (state.presses) {
      state.presses = 0;
      window.clearTimeout(state.timer);
      say("");
    }
    state.modified = event.shiftKey;
  }

  function expire() {
    state.presses = 0;
    say("expired");
  }

  /* A page restored from the back-forward cache comes back visible. */
  function onPageShow(event) {
    if (event.persisted) {
      document.body.style.removeProperty("display");
      document.documentElement.removeAttribute("data-quick-exit-used");
      say("");
    }
  }
})();
