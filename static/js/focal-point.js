// The image form's focal point: clicking the preview sets the two percentages and moves the mark.
(function () {
  "use strict";
  function place(preview, x, y) {
    var mark = preview.querySelector(".focal-mark");
    if (mark) {
      mark.style.left = x + "%";
      mark.style.top = y + "%";
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var preview = document.querySelector(".focal-preview");
    var fieldX = document.getElementById("id_focal_x");
    var fieldY = document.getElementById("id_focal_y");
    if (!preview || !fieldX || !fieldY) {
      return;
    }
    var img = preview.querySelector("img");
    place(preview, fieldX.value, fieldY.value);
    img.addEventListener("click", function (event) {
      var box = img.getBoundingClientRect();
      var x = Math.round(((event.clientX - box.left) / box.width) * 100);
      var y = Math.round(((event.clientY - box.top) / box.height) * 100);
      fieldX.value = Math.min(100, Math.max(0, x));
      fieldY.value = Math.min(100, Math.max(0, y));
      place(preview, fieldX.value, fieldY.value);
    });
    [fieldX, fieldY].forEach(function (field) {
      field.addEventListener("input", function () { place(preview, fieldX.value, fieldY.value); });
    });
  });
})();
