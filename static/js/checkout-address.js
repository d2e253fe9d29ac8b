/*
 * Checkout address: show the Vietnamese fields (province/city, ward or commune) when the
 * country is Vietnam, and the international ones (address line 2, city, state, postcode)
 * otherwise. Markup: templates/checkout/includes/address_fields.html; the country select
 * carries data-address-country="VN", each wrapper data-address-part="vn" or "intl".
 * Without JavaScript every field stays visible and the server ignores the ones that do
 * not apply. Hidden fields are disabled so their stale values are not sent.
 */
(function () {
    "use strict";

    function setPartVisible(wrapper, visible) {
        wrapper.hidden = !visible;
        var controls = wrapper.querySelectorAll("input, select, textarea");
        for (var i = 0; i < controls.length; i += 1) {
            controls[i].disabled = !visible;
        }
    }

    function update(container, countrySelect) {
        var vietnam = countrySelect.value === countrySelect.getAttribute("data-address-country");
        var wrappers = container.querySelectorAll("[data-address-part]:not(input):not(select):not(textarea)");
        for (var i = 0; i < wrappers.length; i += 1) {
            var part = wrappers[i].getAttribute("data-address-part");
            setPartVisible(wrappers[i], part === "vn" ? vietnam : !vietnam);
        }
    }

    function setUp(container) {
        if (container.hasAttribute("data-address-ready")) {
            return;
        }
        var countrySelect = container.querySelector("select[data-address-country]");
        if (!countrySelect) {
            return;
        }
        container.setAttribute("data-address-ready", "");
        countrySelect.addEventListener("change", function () {
            update(container, countrySelect);
        });
        update(container, countrySelect);
    }

    function init() {
        var containers = document.querySelectorAll("[data-address-fields]");
        for (var i = 0; i < containers.length; i += 1) {
            setUp(containers[i]);
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
