/*
 * Quick exit: leave Lantern in one action.
 *
 * Standalone on purpose: it must work even if every other script fails.
 * The button is a plain link to a neutral page, so it works without any
 * script at all; with this script it also blanks the page at once, replaces
 * the current history entry (Back does not return here) and ends the
 * session on the server with a beacon.
 *
 * Pressing Shift three times within two seconds does the same, but only
 * Shift on its own: pressed and released with no other key between, as
 * GOV.UK's "Exit this page" counts it. Typing "Thank You So Much" holds
 * Shift with a letter each time and never counts; any other key starts
 * the count again, and nothing counts while an input method (IME) is
 * composing text.
 */
(function () {
  "use strict";

  var SHIFT_PRESSES = 3;
  var WINDOW_MS = 2000;
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

  // Shift is down and nothing else has been pressed since: its release may count.
  var shiftAlone = false;

  function startAgain() {
    shiftAlone = false;
    shiftTimes = [];
  }

  function composing(event) {
    // keyCode 229: a key the IME took, in browsers that do not set isComposing.
    return event.isComposing || event.keyCode === 229;
  }

  function onKeyDown(event) {
    if (composing(event) || event.key !== "Shift") { startAgain(); return; }
    if (!event.repeat) { shiftAlone = true; }
  }

  function onKeyUp(event) {
    if (event.key !== "Shift") { return; }
    if (!shiftAlone || composing(event)) { shiftAlone = false; return; }
    shiftAlone = false;
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
  document.addEventListener("keyup", onKeyUp, true);
  // A click or a composition between presses is not "Shift alone" either.
  document.addEventListener("mousedown", startAgain, true);
  document.addEventListener("compositionstart", startAgain, true);
  document.addEventListener("compositionend", startAgain, true);
  document.addEventListener("click", onClick, true);
  window.LanternQuickExit = { leave: leave };
}());
