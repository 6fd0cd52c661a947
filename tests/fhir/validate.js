// Validates a FHIR R4 Bundle with FHIR.js (npm `fhir`): `node validate.js FILE`. Fails (exit 1) on
// any error, and on any warning but those about code systems this validator does not carry
// (SNOMED CT, LOINC and swelltrack's own codes are not loaded, so their codes are "not found in
// value set"). Prints a one-line summary.
'use strict';
const fs = require('fs');
const { Fhir } = require('fhir');

const file = process.argv[2];
if (!file) {
  console.error('usage: node validate.js BUNDLE.json');
  process.exit(2);
}
const bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
const result = new Fhir().validate(bundle);
const unknownCode = /not found in value set|could not be found/;
const problems = result.messages.filter(
  (m) => m.severity === 'error' || (m.severity === 'warning' && !unknownCode.test(m.message)),
);
const entries = (bundle.entry || []).length;
// On standard output, with the summary, so a test can assert which problem was found.
for (const p of problems.slice(0, 20)) console.log(`${p.severity}: ${p.location}: ${p.message}`);
console.log(
  `fhir: ${entries} entries, valid=${result.valid}, ${problems.length} problem(s), ` +
    `${result.messages.length - problems.length} note(s) about codes the validator does not carry`,
);
process.exit(result.valid && problems.length === 0 ? 0 : 1);
