// Keyboard review of the importer's proposals (admin, "Review proposed quotes"). Without this
// script the page works as a plain form: radio buttons, checkboxes and two submit buttons.
// Outside a text box or a list:
//   j / k        focus the next / previous proposal (its first choice)
//   a / r / l    accept / reject / leave for later the proposal holding the focus
//                (in the states-and-topics box: check / uncheck the focused box)
//   Shift+A      accept every quote and check every state and topic (then save with Enter)
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  const form = document.querySelector("form.proposal-review");
  if (!form) return;
  const proposals = Array.from(form.querySelectorAll("[data-proposal]"));

  function typing(element) {
    return element && (element.isContentEditable || /^(TEXTAREA|SELECT)$/.test(element.tagName) ||
      (element.tagName === "INPUT" && !/^(radio|checkbox|submit|button)$/.test(element.type)) ||
      element.closest(".select2-container"));
  }

  function current() {
    return document.activeElement && document.activeElement.closest("[data-proposal]");
  }

  function focusProposal(index) {
    const target = proposals[Math.max(0, Math.min(proposals.length - 1, index))];
    if (!target) return;
    const first = target.querySelector("input[type=radio]:checked, input[type=radio], input[type=checkbox]");
    (first || target).focus();
    target.scrollIntoView({ block: "nearest" });
  }

  function decide(proposal, value) {
    const checkbox = document.activeElement;
    if (checkbox && checkbox.type === "checkbox" && proposal.contains(checkbox)) {
      checkbox.checked = value === "accepted";
      return;
    }
    const radio = proposal.querySelector(`input[type=radio][value="${value}"]`);
    if (radio) {
      radio.checked = true;
      radio.focus();
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    const proposal = current();
    const index = proposal ? proposals.indexOf(proposal) : -1;
    let handled = true;
    if (event.key === "A") {
      form.querySelectorAll('input[type=radio][value="accepted"]').forEach(function (radio) { radio.checked = true; });
      form.querySelectorAll(".coverage-proposals input[type=checkbox]").forEach(function (box) { box.checked = true; });
    } else if (event.key === "j") {
      focusProposal(index + 1);
    } else if (event.key === "k") {
      focusProposal(index < 0 ? 0 : index - 1);
    } else if (proposal && event.key === "a") {
      decide(proposal, "accepted");
    } else if (proposal && event.key === "r") {
      decide(proposal, "rejected");
    } else if (proposal && event.key === "l") {
      decide(proposal, "pending");
    } else {
      handled = false;
    }
    if (handled) event.preventDefault();
  });
});
