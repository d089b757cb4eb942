/**
 * English strings of the rule presets: the preset editor (copy a preset, edit its numbers, save the
 * copy in the project) and what an estate check lacks or why it fails, said from its code
 * (shared/usecases/review_estate.ts ESTATE_MISSING_INPUTS, ESTATE_CAUSES). Spread into en.ts;
 * zh_rules.ts has the same keys, checked by its type.
 */
export const enRules = {
  rules: {
    /** What an estate check lacks (`room` counts from 1). */
    missing: {
      type: 'Estate type (new / old / renewal) missing',
      area: 'Urban or rural missing',
      households: 'Households missing (or residential floor area and average unit size)',
      average_unit: 'Average unit size missing (to estimate households from the residential floor area)',
      care_rooms: 'No planned care room entered',
      room_floor_area: 'Care room {{room}}: floor area missing',
      room_floor_levels: 'Care room {{room}}: floor levels missing',
      room_basement: 'Care room {{room}}: basement or not missing',
      room_location: 'Care room {{room}}: location missing',
      health_station: 'No community health station in the project to measure to',
      outline: 'Estate outline or location missing',
      co_location: 'Not entered whether the care room shares a site with the health station (三站合一)',
      synchronous_provision: 'Evidence of synchronous provision (planning conditions, acceptance, handover) not entered',
    },
    /** Why an estate check fails or does not apply, beyond its figures. */
    because: {
      estate_type: 'The rule is for other estate types (this estate: {{type}})',
      estate_area: 'The rule is for other areas (this estate: {{area}})',
      no_rate: 'The preset gives no rate for {{type}} estates',
      room_underground: 'Care room {{room}} is underground or in a basement',
      flag_false: {
        co_location: 'The care room does not share a site with the health station',
        synchronous_provision: 'No synchronous provision',
      },
      households_estimated: 'Households estimated from residential floor area ÷ average unit size',
    },
    estateTypes: { new: 'new', old: 'old', renewal: 'renewal' },
    areas: { urban: 'urban', rural: 'rural' },
    editor: {
      copy: 'Copy and edit',
      copyHint: 'Make a copy of this preset whose numbers you can change; it is saved in the project with its own version.',
      edit: 'Edit this copy',
      delete: 'Delete this copy',
      deleteInUse: 'Delete this copy (the project goes back to {{base}})',
      deleted: 'Deleted the copy {{id}}.',
      heading: 'Edit preset {{id}}',
      unsaved: 'not saved yet',
      version: 'version {{version}}',
      basedOn: 'based on {{name}} v{{version}}',
      nameZh: 'Name (Chinese)',
      nameEn: 'Name (English)',
      binding: 'Binding (gives a verdict)',
      advisory: 'advisory',
      bindingShort: 'binding',
      source: 'Source: {{document}}, {{clause}}',
      confidence: { seed: 'quoted from the plan', verified: 'seen in a public copy', partly: 'partly seen', unverified: 'not seen: unverified' },
      editedFrom: 'edited, was {{from}}',
      noNumber: 'empty: no number',
      save: 'Save the copy and use it',
      saving: 'Saving…',
      close: 'Close',
      saved: 'Saved {{id}} v{{version}}; the project now uses it.',
      invalid: 'Rule “{{rule}}”, field “{{field}}”: a number is missing or not valid.',
      invalidKinds: 'Choose at least one kind of facility for “{{role}}”.',
      editedNote: 'edited: {{changes}}',
      kindsHeading: 'Facility kinds the checks count',
      kindRoles: {
        care: 'Care facilities (a community has one; the service circle)',
        institution: 'Institutions (one per street or town)',
        healthStation: 'Community health stations (care rooms measured to)',
      },
      fieldOfType: '{{field}} ({{type}})',
      editedCopy: '{{name}} (v{{version}}, edited copy)',
      /** The numbers of a rule, by field (shared/rules/rule.ts). */
      fields: {
        m2Per100Households: 'm² per 100 households',
        minFloorAreaM2: 'Smallest floor area per site, m²',
        maxFloorLevel: 'Highest floor',
        maxDistanceM: 'Farthest distance, m',
        radiusM: 'Service radius, m',
        healthStationsPerInstitution: 'Health stations per institution',
        minBedsPer1000: 'Beds per 1,000 older people, at least',
        minShare: 'Share, at least (0–1)',
        minCount: 'Institutions per unit, at least',
        minBeds: 'Beds per institution, at least',
        minutes: 'Minutes',
        walkMinM: 'Walking distance from, m',
        walkMaxM: 'Walking distance up to, m',
        minM2PerResident: 'm² per resident, at least',
        maxM2PerResident: 'm² per resident, at most',
        targets: 'Share of {{unit}}, at least (0–1)',
      },
    },
  },
};
export type RulesMessages = typeof enRules;
