/* One entry in the tab's history for the whole visit. The quick exit (quick_exit.js) replaces the
   current entry with a neutral page; if the visit had left other entries behind, the Back button
   would bring a page of this site back on screen. So nothing in the site adds an entry:
   - Streamlit 1.67 adds one for every page change and every change of the address's query (a
     topic, a search, a slide): App.maybeUpdatePageUrl and App.handlePageInfoChanged call
     window.history.pushState. Here pushState replaces the current entry instead; Streamlit reads
     the address back from location, so it works the same.
   - A link the browser follows itself (a heading's "Link to heading" anchor, "Help now", "Skip to
     main content", any other link to this site that no script handled) would add an entry too; it
     is followed with location.replace. Links to other sites, links that open a new tab, downloads,
     tel: and sms: links, and clicks with a modifier key are left to the browser.
   The Back button therefore leaves the site, and the safety page says so.
   Sent in the page shell before Streamlit's own script (core/views/offline.py), allowed by its hash in the
   Content-Security-Policy (core/web/security.py). Static: nothing is interpolated. Never write a
   less-than sign in this file: the project's other inline scripts cannot have one either. */
(function () {
  "use strict";

  if (window.oneHistoryEntry) {
    return;
  }
  window.oneHistoryEntry = true;

  var history = window.history;
  var replaceState = history.replaceState;
  history.pushState = function (state, title, url) {
    return replaceState.call(history, state, title, url);
  };

  function followedByTheBrowser(event) {
    return !event.defaultPrevented && event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
  }

  /* Bubbling to the window comes last, after Streamlit's own handlers: a link they handled is
     already marked defaultPrevented, and its page change went through pushState above. */
  window.addEventListener("click", function (event) {
    if (!followedByTheBrowser(event)) {
      return;
    }
    var link = event.target && event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || link.hasAttribute("download")) {
      return;
    }
    var target = link.getAttribute("target");
    if (target && target !== "_self") {
      return;
    }
    var url = new URL(link.href, document.baseURI);
    if (url.origin !== window.location.origin) {
      return;
    }
    event.preventDefault();
    window.location.replace(url.href);
  });
})();
