/*
 * The site's script, and optional:
 * - folded panels marked data-open-on-wide (the catalogue filters) start open on
 *   wide screens; without the script they simply start folded;
 * - a form marked data-submit-once ("place order") is sent once: a second click
 *   while the first is on its way does nothing (the server refuses a second
 *   order for the same basket anyway).
 */
(function () {
    "use strict";
    document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
        form.addEventListener("submit", function (event) {
            if (form.dataset.sent) {
                event.preventDefault();
                return;
            }
            form.dataset.sent = "true";
            form.querySelectorAll("[type=submit]").forEach(function (button) {
                button.setAttribute("aria-disabled", "true");
            });
        });
    });
    if (!window.matchMedia || !window.matchMedia("(min-width: 64em)").matches) {
        return;
    }
    document.querySelectorAll("details[data-open-on-wide]").forEach(function (panel) {
        panel.open = true;
    });
})();
