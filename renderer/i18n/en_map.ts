/**
 * English strings of the map's legend and layers (class domain and method, uncovered display, name
 * labels, estates, proposals); zh_map.ts has the same keys, checked by its type.
 */
export const enMap = {
  mapLegend: {
    classesFor: 'Classes for',
    domains: { project: 'whole project', view: 'current view', studyArea: 'study area' },
    domainCaption: '{{method}} · classes for: {{domain}}',
    domainEmpty: 'No cells with values in the current view: classes for the whole project.',
    method: 'Method',
    methods: { quantile: 'quantile classes', natural: 'natural breaks (Jenks)', equal: 'equal intervals' },
    uncoveredDisplay: 'Show gaps as',
    uncoveredDisplays: { outline: 'outline only', hatch: 'outline and hatch' },
    uncoveredOver: 'drawn over the classes:',
    labels: 'Names (areas, estates, facilities, proposals)',
    estates_one: 'Residential estate ({{count, number}})',
    estates_other: 'Residential estates ({{count, number}})',
    roads: 'Roads',
    studyArea_one: 'Study area (outside dimmed)',
    studyArea_other: 'Study area, {{count, number}} areas (outside dimmed)',
    candidates_one: 'Candidate site ({{count, number}})',
    candidates_other: 'Candidate sites ({{count, number}})',
    proposals_one: 'Proposal of the scenario ({{count, number}})',
    proposals_other: 'Proposals of the scenario ({{count, number}})',
    proposalCircles: 'Service circles of proposals, {{radius}}',
    circleWithProposals: '{{count, number}} in the analysis, {{proposals, number}} of them proposed',
    groupLabels: 'Name labels',
  },
};
