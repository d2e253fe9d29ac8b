/*
 * Wagtail's date, time and date-time pickers, started without inline scripts (the
 * Content-Security-Policy allows none): each widget leaves a hidden marker
 * (templates/wagtailadmin/widgets/*_input.html) naming Wagtail's init function, the
 * input's id and its options. Markers in the page and in forms added later
 * (inline panels, dialogs) are started once each.
 */
(function () {
    "use strict";
    var ALLOWED = ["initDateChooser", "initTimeChooser", "initDateTimeChooser"];

    function startChoosers() {
        document.querySelectorAll("[data-cms-chooser]:not([data-cms-chooser-started])").forEach(function (marker) {
            var name = marker.dataset.cmsChooser;
            if (ALLOWED.indexOf(name) === -1 || typeof window[name] !== "function") {
                return;
            }
            marker.dataset.cmsChooserStarted = "true";
            window[name](marker.dataset.cmsChooserFor, JSON.parse(marker.dataset.cmsChooserConfig));
        });
    }

    function watch() {
        startChoosers();
        new MutationObserver(startChoosers).observe(document.body, { childList: true, subtree: true });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", watch);
    } else {
        watch();
    }
})();
