/*
 * The dashboard's own behaviour (templates/oscar/dashboard/layout.html).
 *
 * A refused save's summary (#error-summary) is brought into view and focused, so a
 * phone shows it and a screen reader reads it. Its links open the section that holds
 * the field when sections are tabs (site managers on a laptop), then focus the field.
 *
 * A select2 box (Oscar's product choosers) is named by the chosen value only, so an
 * empty one has no name: it is named by its <select>'s label too, also when Oscar
 * makes it after this script has run.
 */
(function () {
    "use strict";

    function showPaneOf(field) {
        var pane = field.closest(".tab-pane");
        if (!pane || pane.offsetParent !== null || !window.jQuery) {
            return;
        }
        var tab = document.querySelector('.tab-nav a[href="#' + pane.id + '"]');
        if (tab) {
            window.jQuery(tab).tab("show");
        }
    }

    function startErrorSummary() {
        var summary = document.getElementById("error-summary");
        if (!summary) {
            return;
        }
        summary.scrollIntoView({block: "start"});
        summary.focus({preventScroll: true});
        summary.addEventListener("click", function (event) {
            var link = event.target.closest("a[href^='#']");
            var field = link && document.getElementById(link.getAttribute("href").slice(1));
            if (!field) {
                return;
            }
            event.preventDefault();
            showPaneOf(field);
            field.scrollIntoView({block: "center"});
            field.focus({preventScroll: true});
        });
    }

    var SELECT2_BOX = '.select2-selection[role="combobox"]:not([data-named])';

    function nameSelect2Boxes() {
        document.querySelectorAll(SELECT2_BOX).forEach(function (box) {
            var shown = box.querySelector(".select2-selection__rendered");
            var selectId = shown && shown.id.replace(/^select2-/, "").replace(/-container$/, "");
            var label = selectId && document.querySelector('label[for="' + selectId + '"]');
            if (!label) {
                return;
            }
            if (!label.id) {
                label.id = selectId + "-label";
            }
            box.setAttribute("aria-labelledby", label.id + " " + shown.id);
            shown.setAttribute("aria-labelledby", label.id);
            box.dataset.named = "";
        });
    }

    function start() {
        startErrorSummary();
        nameSelect2Boxes();
        new MutationObserver(nameSelect2Boxes).observe(document.body, {childList: true, subtree: true});
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
