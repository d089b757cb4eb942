/**
 * English strings of the reviewer's desk: the estate review and the district compliance check
 * (spread into en.ts; zh_review.ts has the same keys, checked by its type).
 */
export const enReview = {
  review: {
    heading: 'Review',
    intro: 'Check new residential estates for the elderly-care floor space they must provide, and the district against its plan targets, by the rules of a preset.',
    preset: 'Rule preset',
    presetVersion: '{{name}} (v{{version}})',
    presetSaved: 'Saved in the project; the command line (siting review, siting check) uses it too.',
    noEstates: 'The project has no estates. Import an estates layer (Import data → Estates) to review them.',
    run: 'Review all estates',
    running: 'Reviewing…',
    reviewedWith: 'Reviewed with {{preset}} v{{version}}: {{estates, number}} estates — {{compliant, number}} compliant, {{nonCompliant, number}} non-compliant, {{incomplete, number}} incomplete.',
    newShare: 'New estates compliant: {{compliant, number}} of {{estates, number}} ({{share}}).',
    newNone: 'No new estates among those reviewed.',
    estate: 'Estate',
    verdict: 'Verdict',
    required: 'Required',
    provided: 'Provided',
    shortfall: 'Short by',
    floorAreaCaption: 'Care floor area, m² (per 100 households)',
    expandHint: 'Choose an estate to see each rule checked.',
    verdicts: { compliant: 'Compliant', non_compliant: 'Non-compliant', incomplete: 'Needs more material' },
    rule: 'Rule',
    checkVerdicts: { pass: 'Pass', fail: 'Fail', not_checkable: 'Not checkable', advisory: 'Advisory', not_applicable: 'Not applicable' },
    units: { m2: 'm²', floor: 'floor', m: 'm' },
    methods: { network: 'along the walking network', straight_line: 'straight line' },
    missing: 'missing: {{input}}',
    checkRun: 'Check the district',
    checking: 'Checking…',
    districtHeading: 'District compliance',
    scope: 'Scope',
    value: 'Value',
    target: 'Target',
    gap: 'Gap',
    failing: 'Failing units',
    districtScope: 'project',
    districtVerdicts: { pass: 'Pass', fail: 'Fail', not_checkable: 'Not checkable', advisory: 'Advisory' },
    mapLegend: 'Estates by review verdict',
  },
};
export type ReviewMessages = typeof enReview;
