/*
 * "Copy" buttons (payment/includes/copy_button.html): each copies its data-copy
 * value to the clipboard and says so for a moment. The buttons stay hidden
 * without this script, and the values beside them stay selectable text.
 */
(function () {
    "use strict";

    function copyText(text) {
        if (navigator.clipboard && window.isSecureContext) {
            return navigator.clipboard.writeText(text);
        }
        return new Promise(function (resolve, reject) {
            var field = document.createElement("textarea");
            field.value = text;
            field.setAttribute("readonly", "");
            field.style.position = "fixed";
            field.style.opacity = "0";
            document.body.appendChild(field);
            field.select();
            var copied = document.execCommand("copy");
            document.body.removeChild(field);
            if (copied) {
                resolve();
            } else {
                reject(new Error("copy refused"));
            }
        });
    }

    function selectBeside(button) {
        var value = button.parentNode.querySelector(".transfer__copyable");
        if (!value) {
            return;
        }
        var range = document.createRange();
        range.selectNodeContents(value);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
    }

    document.querySelectorAll("button[data-copy]").forEach(function (button) {
        var label = button.querySelector(".copy-button__label");
        var idle = label.textContent;
        var status = document.querySelector("[data-copy-status]");
        var timer = null;
        button.hidden = false;
        button.addEventListener("click", function () {
            copyText(button.dataset.copy).then(function () {
                label.textContent = button.dataset.copiedLabel;
                button.classList.add("copy-button--done");
                if (status) {
                    status.textContent = button.textContent;
                }
                clearTimeout(timer);
                timer = setTimeout(function () {
                    label.textContent = idle;
                    button.classList.remove("copy-button--done");
                }, 2500);
            }, function () {
                selectBeside(button);
            });
        });
    });
})();
