// swelltrack's pages work without this file; it only adds small conveniences.
"use strict";

// Copy buttons (data-copy names the input whose value they copy): shown only where the browser can.
document.addEventListener("DOMContentLoaded", () => {
    if (!navigator.clipboard) return;
    for (const button of document.querySelectorAll("button[data-copy]")) {
        button.hidden = false;
        button.addEventListener("click", async () => {
            const input = document.getElementById(button.dataset.copy);
            try {
                await navigator.clipboard.writeText(input.value);
                button.textContent = "Copied";
            } catch {
                input.select();  // the user copies it herself
            }
        });
    }
});
