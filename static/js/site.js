/*
 * The site's only script, and optional: folded panels marked data-open-on-wide
 * (the catalogue filters) start open on wide screens. Without it they simply
 * start folded.
 */
(function () {
    "use strict";
    if (!window.matchMedia || !window.matchMedia("(min-width: 64em)").matches) {
        return;
    }
    document.querySelectorAll("details[data-open-on-wide]").forEach(function (panel) {
        panel.open = true;
    });
})();
