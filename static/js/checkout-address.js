/*
 * Address form (checkout and address book): markup in templates/checkout/includes/address_fields.html.
 *
 * 1. Show the Vietnamese fields (province/city, ward or commune) when the country is Vietnam, the
 *    international ones (address line 2, city, state, postcode) otherwise. The country select
 *    carries data-address-country="VN", each wrapper data-address-part="vn" or "intl". Hidden
 *    fields are disabled so their stale values are not sent.
 * 2. Turn the province select and the ward input into type-aheads that ignore accents and case:
 *    "ha noi" finds "Thành phố Hà Nội", "hoan kiem" finds "Phường Hoàn Kiếm". The select stays in
 *    the page (visually hidden) and holds the value sent; the wards of the chosen province come
 *    from the datalist the page may carry, or from /address/wards.json?province=<code>.
 *
 * Without JavaScript every field stays visible, the province is a plain select and the ward is
 * typed; the server matches the typed name without regard to accents.
 */
(function () {
    "use strict";

    var MAX_SHOWN = 60;
    var WARD_TYPE = /^(phuong|xa|dac khu) /;
    var PROVINCE_TYPE = /^(thanh pho|tinh) /;
    var wardLists = {};
    var pending = {};

    function fold(text) {
        return (text || "")
            .replace(/Đ/g, "D")
            .replace(/đ/g, "d")
            .normalize("NFD")
            .replace(/[\u0300-\u036f]/g, "")
            .toLowerCase()
            .replace(/\s+/g, " ")
            .trim();
    }

    function entry(value, label, names, typePattern) {
        var folded = fold(names);
        return { value: value, label: label, text: folded, bare: fold(label).replace(typePattern, "") };
    }

    /* Entries holding every word typed: names starting with it first, then a word starting with it. */
    function filter(entries, typed, typePattern) {
        var query = fold(typed).replace(typePattern, "");
        if (!query) {
            return entries.slice();
        }
        var words = query.split(" ");
        var ranked = [];
        entries.forEach(function (item, index) {
            for (var i = 0; i < words.length; i += 1) {
                if (item.text.indexOf(words[i]) === -1) {
                    return;
                }
            }
            var rank = 2;
            if (item.bare.indexOf(query) === 0) {
                rank = 0;
            } else if ((" " + item.text).indexOf(" " + query) !== -1) {
                rank = 1;
            }
            ranked.push({ item: item, rank: rank, index: index });
        });
        ranked.sort(function (a, b) {
            return a.rank - b.rank || a.index - b.index;
        });
        return ranked.map(function (found) {
            return found.item;
        });
    }

    /* The one entry the typed text names (its name, with or without type and accents). */
    function named(entries, typed, typePattern) {
        var query = fold(typed);
        if (!query) {
            return null;
        }
        var exact = entries.filter(function (item) {
            return item.label === typed.trim();
        });
        if (exact.length === 1) {
            return exact[0];
        }
        var same = entries.filter(function (item) {
            return fold(item.label) === query || item.bare === query.replace(typePattern, "");
        });
        if (same.length === 1) {
            return same[0];
        }
        var found = filter(entries, typed, typePattern);
        return same.length === 0 && found.length === 1 ? found[0] : null;
    }

    function format(template, count) {
        return (template || "").replace("{count}", String(count));
    }

    /*
     * An ARIA combobox over an input: a listbox of matching entries under it, arrow keys to move,
     * Enter to pick, Escape to close. ``options``: entries(), typePattern, onPick(entry), onLeave(),
     * texts, emptyText() (what to say when there is nothing to list).
     */
    function combobox(input, options) {
        var listId = input.id + "-listbox";
        var list = document.createElement("ul");
        var status = document.createElement("p");
        var shown = [];
        var active = -1;
        var wrapper = document.createElement("div");

        wrapper.className = "combobox";
        input.parentNode.insertBefore(wrapper, input);
        wrapper.appendChild(input);
        list.id = listId;
        list.className = "combobox__list";
        list.setAttribute("role", "listbox");
        list.hidden = true;
        wrapper.appendChild(list);
        status.className = "combobox__status";
        status.setAttribute("role", "status");
        wrapper.appendChild(status);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", listId);
        input.setAttribute("autocomplete", "off");
        input.removeAttribute("list");

        function say(text, quiet) {
            status.textContent = text || "";
            status.classList.toggle("visually-hidden", Boolean(quiet));
        }

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function setActive(index) {
            var items = list.children;
            if (active >= 0 && items[active]) {
                items[active].setAttribute("aria-selected", "false");
            }
            active = index;
            if (active >= 0 && items[active]) {
                items[active].setAttribute("aria-selected", "true");
                input.setAttribute("aria-activedescendant", items[active].id);
                items[active].scrollIntoView({ block: "nearest" });
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function pick(item) {
            input.value = item.label;
            close();
            say("");
            options.onPick(item);
        }

        function open() {
            var entries = options.entries();
            if (!entries) {
                close();
                say(options.emptyText());
                return;
            }
            var typed = input.value;
            var picked = named(entries, typed, options.typePattern);
            shown = picked && picked.label === typed ? entries : filter(entries, typed, options.typePattern);
            list.textContent = "";
            shown.slice(0, MAX_SHOWN).forEach(function (item, index) {
                var option = document.createElement("li");
                option.id = listId + "-" + index;
                option.className = "combobox__option";
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                option.textContent = item.label;
                option.addEventListener("mousedown", function (event) {
                    event.preventDefault();
                });
                option.addEventListener("click", function () {
                    pick(item);
                });
                list.appendChild(option);
            });
            active = -1;
            if (shown.length) {
                list.hidden = false;
                input.setAttribute("aria-expanded", "true");
                if (list.getBoundingClientRect().bottom > window.innerHeight) {
                    list.scrollIntoView({ block: "nearest" });
                }
                say(format(options.texts.count, shown.length), true);
            } else {
                close();
                say(options.texts.noMatch);
            }
        }

        input.addEventListener("input", open);
        input.addEventListener("focus", open);
        input.addEventListener("click", function () {
            if (list.hidden) {
                open();
            }
        });
        input.addEventListener("keydown", function (event) {
            var count = list.children.length;
            if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                event.preventDefault();
                if (list.hidden) {
                    open();
                    count = list.children.length;
                }
                if (!count) {
                    return;
                }
                var step = event.key === "ArrowDown" ? 1 : -1;
                setActive((active + step + count) % count);
            } else if (event.key === "Enter" && !list.hidden && active >= 0) {
                event.preventDefault();
                pick(shown[active]);
            } else if (event.key === "Escape" && !list.hidden) {
                event.preventDefault();
                close();
            }
        });
        input.addEventListener("blur", function () {
            close();
            var entries = options.entries();
            var item = entries ? named(entries, input.value, options.typePattern) : null;
            if (item) {
                pick(item);
            } else {
                options.onLeave();
            }
        });

        return {
            open: open,
            isFocused: function () {
                return document.activeElement === input;
            }
        };
    }

    // Country: Vietnamese or international fields

    function setPartVisible(wrapper, visible) {
        wrapper.hidden = !visible;
        var controls = wrapper.querySelectorAll("input, select, textarea");
        for (var i = 0; i < controls.length; i += 1) {
            controls[i].disabled = !visible;
        }
    }

    function showParts(container, countrySelect) {
        var vietnam = countrySelect.value === countrySelect.getAttribute("data-address-country");
        var wrappers = container.querySelectorAll("[data-address-part]:not(input):not(select):not(textarea)");
        for (var i = 0; i < wrappers.length; i += 1) {
            var part = wrappers[i].getAttribute("data-address-part");
            setPartVisible(wrappers[i], part === "vn" ? vietnam : !vietnam);
        }
    }

    // Province and ward type-aheads

    function texts(container) {
        return {
            noMatch: container.getAttribute("data-text-no-match"),
            provinceFirst: container.getAttribute("data-text-province-first"),
            loading: container.getAttribute("data-text-loading"),
            loadFailed: container.getAttribute("data-text-load-failed"),
            count: container.getAttribute("data-text-count")
        };
    }

    function provinceEntries(select) {
        var entries = [];
        for (var i = 0; i < select.options.length; i += 1) {
            var option = select.options[i];
            if (option.value) {
                var names = option.text + " " + (option.getAttribute("data-names") || option.value);
                entries.push(entry(option.value, option.text, names, PROVINCE_TYPE));
            }
        }
        return entries;
    }

    function wardEntries(pairs) {
        return pairs.map(function (pair) {
            return entry(pair[0], pair[1], pair[1], WARD_TYPE);
        });
    }

    function selectedCode(select) {
        var option = select.options[select.selectedIndex];
        return option && option.value ? option.getAttribute("data-code") : "";
    }

    function setUpProvince(select, text) {
        var entries = provinceEntries(select);
        var input = document.createElement("input");
        var label = document.querySelector('label[for="' + select.id + '"]');
        var emptyOption = select.querySelector('option[value=""]');

        input.type = "text";
        input.id = select.id + "_search";
        input.className = select.className;
        input.placeholder = emptyOption ? emptyOption.text : "";
        input.setAttribute("autocapitalize", "off");
        input.setAttribute("spellcheck", "false");
        ["aria-describedby", "aria-invalid"].forEach(function (name) {
            if (select.hasAttribute(name)) {
                input.setAttribute(name, select.getAttribute(name));
            }
        });
        select.parentNode.insertBefore(input, select);
        select.classList.add("visually-hidden");
        select.setAttribute("tabindex", "-1");
        select.setAttribute("aria-hidden", "true");
        if (label) {
            label.setAttribute("for", input.id);
        }

        function showSelected() {
            var option = select.options[select.selectedIndex];
            input.value = option && option.value ? option.text : "";
        }

        function choose(value) {
            if (select.value !== value) {
                select.value = value;
                select.dispatchEvent(new Event("change", { bubbles: true }));
            }
        }

        combobox(input, {
            entries: function () {
                return entries;
            },
            typePattern: PROVINCE_TYPE,
            texts: text,
            emptyText: function () {
                return "";
            },
            onPick: function (item) {
                choose(item.value);
            },
            onLeave: function () {
                choose("");
            }
        });
        select.addEventListener("change", showSelected);
        showSelected();
    }

    function setUpWard(input, select, text) {
        var url = input.getAttribute("data-wards-url");
        var datalist = document.getElementById(input.getAttribute("list") || "");
        var code = selectedCode(select);
        var box;

        if (datalist && input.getAttribute("data-province-code")) {
            wardLists[input.getAttribute("data-province-code")] = wardEntries(
                Array.prototype.map.call(datalist.options, function (option) {
                    return [option.value, option.value];
                })
            );
        }

        function entries() {
            return code ? wardLists[code] || null : null;
        }

        function emptyText() {
            if (!code) {
                return text.provinceFirst;
            }
            return wardLists[code] === undefined ? text.loading : text.loadFailed;
        }

        function load(then) {
            if (!code || wardLists[code] !== undefined) {
                then();
                return;
            }
            var wanted = code;
            if (!pending[wanted]) {
                pending[wanted] = fetch(url + "?province=" + encodeURIComponent(wanted), {
                    credentials: "same-origin"
                })
                    .then(function (response) {
                        if (!response.ok) {
                            throw new Error(String(response.status));
                        }
                        return response.json();
                    })
                    .then(function (data) {
                        wardLists[wanted] = wardEntries(data.wards);
                    })
                    .catch(function () {
                        wardLists[wanted] = null;
                    });
            }
            pending[wanted].then(function () {
                if (wanted === code) {
                    then();
                }
            });
        }

        box = combobox(input, {
            entries: entries,
            typePattern: WARD_TYPE,
            texts: text,
            emptyText: emptyText,
            onPick: function () {},
            onLeave: function () {}
        });

        select.addEventListener("change", function () {
            var previous = code ? wardLists[code] : null;
            code = selectedCode(select);
            load(function () {
                var typed = input.value;
                var current = entries();
                var here = current ? named(current, typed, WARD_TYPE) : null;
                if (here) {
                    input.value = here.label;
                } else if (previous && named(previous, typed, WARD_TYPE)) {
                    input.value = "";
                }
                if (box.isFocused()) {
                    box.open();
                }
            });
        });
        input.addEventListener("focus", function () {
            load(function () {
                if (box.isFocused()) {
                    box.open();
                }
            });
        });
    }

    function setUp(container) {
        if (container.hasAttribute("data-address-ready")) {
            return;
        }
        container.setAttribute("data-address-ready", "");
        var countrySelect = container.querySelector("select[data-address-country]");
        if (countrySelect) {
            countrySelect.addEventListener("change", function () {
                showParts(container, countrySelect);
            });
            showParts(container, countrySelect);
        }
        var province = container.querySelector("select[data-address-province]");
        var ward = container.querySelector("input[data-address-ward]");
        if (province && ward && window.fetch) {
            var text = texts(container);
            setUpWard(ward, province, text);
            setUpProvince(province, text);
        }
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
