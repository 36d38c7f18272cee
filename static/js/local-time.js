/*
 * Room times are written in UTC on the server (no one's time zone is stored);
 * beside each, this adds the same moment in the reader's own time, as the
 * room's chat already shows it. Only for <time data-local> elements.
 */
(function () {
  "use strict";

  function localWords(iso, withDay) {
    var when = new Date(iso);
    if (isNaN(when.getTime())) { return ""; }
    var options = { hour: "2-digit", minute: "2-digit" };
    if (withDay) { options.weekday = "short"; options.day = "numeric"; options.month = "short"; }
    return when.toLocaleString([], options);
  }

  function addLocalTimes() {
    var group = document.querySelectorAll("[data-local-times]");
    Array.prototype.forEach.call(group, function (holder) {
      if (holder.querySelector(".local-time")) { return; }
      var times = holder.querySelectorAll("time[datetime]");
      if (times.length === 0) { return; }
      var start = localWords(times[0].getAttribute("datetime"), true);
      var end = times.length > 1 ? localWords(times[times.length - 1].getAttribute("datetime"), false) : "";
      if (!start) { return; }
      var note = document.createElement("span");
      note.className = "local-time";
      note.textContent = " (" + start + (end ? " to " + end : "") + " your time)";
      holder.appendChild(note);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addLocalTimes);
  } else {
    addLocalTimes();
  }
}());
