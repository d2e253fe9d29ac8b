/*
 * The dashboard's photo inputs (templates/oscar/forms/widgets/image_input_widget.html):
 * once a chosen file's preview loads, its "upload" button is hidden; a file the
 * browser cannot show brings the button back with a message. Listened for on the
 * document (load and error do not bubble, so in the capture phase), which also
 * covers inputs added after the page loaded.
 */
(function () {
    "use strict";
    function button(image) {
        return document.getElementById(image.dataset.uploadButton);
    }
    document.addEventListener("load", function (event) {
        var image = event.target;
        if (image.dataset && image.dataset.uploadButton && button(image)) {
            button(image).style.display = "none";
        }
    }, true);
    document.addEventListener("error", function (event) {
        var image = event.target;
        if (image.dataset && image.dataset.uploadButton && image.getAttribute("src")) {
            if (button(image)) {
                button(image).style.display = "";
            }
            window.alert(image.dataset.unrecognisedMessage);
        }
    }, true);
})();
