/* The page's language on the html element's lang attribute, so that screen readers pronounce Spanish as Spanish.
   Static: the language comes from the data-page-lang attribute of the element ui.py renders
   (one of the site's language codes); nothing is interpolated here. Streamlit runs this again
   whenever the element is drawn. Never write a less-than sign in this file: Streamlit 1.67
   drops an inline script that has one. */
(function () {
  "use strict";
  var all = document.querySelectorAll("[data-page-lang]");
  var lang = all.length ? all[all.length - 1].getAttribute("data-page-lang") || "" : "";
  if (/^[a-z]{2}$/.test(lang) && document.documentElement.getAttribute("lang") !== lang) {
    document.documentElement.setAttribute("lang", lang);
  }
})();
