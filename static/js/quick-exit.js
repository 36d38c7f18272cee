/*
 * Quick exit: leave Lantern in one action.
 *
 * Standalone on purpose: it must work even if every other script fails.
 * The button is a plain link to a neutral page, so it works without any
 * script at all; with this script it also blanks the page at once, replaces
 * the current history entry (Back does not return here) and ends the
 * session on the server with a beacon. Pressing Shift three times within
 * five seconds does the same.
 */
(function () {
  "use strict";

  var SHIFT_PRESSES = 3;
  var WINDOW_MS = 5000;
  var leaving = false;
  var shiftTimes = [];

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta && meta.content) { return meta.content; }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function endSession(beaconUrl) {
    if (!beaconUrl || !navigator.sendBeacon) { return; }
    try {
      var body = new FormData();
      body.append("csrfmiddlewaretoken", csrfToken());
      navigator.sendBeacon(beaconUrl, body);
    } catch (ignored) { /* leaving matters more than signing out */ }
  }

  function blank() {
    document.title = "";
    var root = document.documentElement;
    root.classList.add("quick-exit-blank");
    if (document.body) { document.body.replaceChildren(); }
  }

  function leave() {
    if (leaving) { return; }
    leaving = true;
    var link = document.getElementById("quick-exit");
    var exitUrl = (link && link.getAttribute("data-exit-url")) || "https://weather.com/";
    endSession(link && link.getAttribute("data-beacon-url"));
    blank();
    window.location.replace(exitUrl);
  }

  function onKeyDown(event) {
    if (event.key !== "Shift" || event.repeat) { return; }
    var now = Date.now();
    shiftTimes = shiftTimes.filter(function (t) { return now - t < WINDOW_MS; });
    shiftTimes.push(now);
    if (shiftTimes.length >= SHIFT_PRESSES) { leave(); }
  }

  function onClick(event) {
    var link = event.target.closest && event.target.closest("#quick-exit");
    if (!link) { return; }
    event.preventDefault();
    leave();
  }

  document.addEventListener("keydown", onKeyDown, true);
  document.addEventListener("click", onClick, true);
  window.LanternQuickExit = { leave: leave };
}());
