/*
 * Oscar's order pages, completed. Load it after Oscar's dashboard.js, with the name of
 * the page's "select all" box in data-select-all-label (translated by the template).
 *
 * - The whole-order page (oscar/dashboard/orders/order_detail.html) still calls
 *   oscar.dashboard.orders.initTable(), which Oscar 4.2's dashboard.js no longer
 *   defines: the page stopped with "initTable is not a function". This gives it back
 *   what it did in earlier Oscar releases: a box in the lines table's first heading
 *   that ticks or unticks every line.
 * - The order lists call oscar.dashboard.bulk_actions.init(), which adds a "select all"
 *   box with no name (input[name=select_all]): it gets one once Oscar has made it.
 */
(function () {
    "use strict";
    var label = document.currentScript.dataset.selectAllLabel || "Select all";
    var oscar = window.oscar;
    if (!oscar || !oscar.dashboard) {
        return;
    }

    var bulkActions = oscar.dashboard.bulk_actions;
    if (bulkActions && typeof bulkActions.init === "function") {
        var startBulkActions = bulkActions.init;
        bulkActions.init = function () {
            var result = startBulkActions.apply(this, arguments);
            document.querySelectorAll('input[name="select_all"]').forEach(function (box) {
                box.setAttribute("aria-label", label);
            });
            return result;
        };
    }

    oscar.dashboard.orders = oscar.dashboard.orders || {};
    if (typeof oscar.dashboard.orders.initTable === "function") {
        return;
    }
    oscar.dashboard.orders.initTable = function () {
        var table = document.querySelector("#order_lines_form table");
        var heading = table && table.querySelector("thead th");
        if (!heading || heading.querySelector("input[type=checkbox]")) {
            return;
        }
        var all = document.createElement("input");
        all.type = "checkbox";
        all.id = "select-all-lines";
        all.setAttribute("aria-label", label);
        heading.appendChild(all);
        all.addEventListener("change", function () {
            table.querySelectorAll('tbody input[name="selected_line"]').forEach(function (box) {
                box.checked = all.checked;
            });
        });
    };
})();
