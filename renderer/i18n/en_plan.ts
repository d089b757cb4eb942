/**
 * English texts of the study area, the basement rule, suggested sites' names and the optimiser's
 * notes (renderer/components/analysis/StudyAreaChooser.tsx, SuggestForm, SuggestResult). zh_plan.ts
 * has the same keys.
 */
export const enPlan = {
  plan: {
    studyArea: {
      heading: 'Study area',
      label: 'Analyse and plan within',
      whole: 'Whole project',
      several: '{{count, number}} areas: {{names}}',
      chooseSeveral: 'Choose several areas…',
      apply: 'Use the ticked areas',
      hint: 'Coverage figures, gaps, per-area rows and suggested sites count only the population cells whose centre lies inside the study area. Facilities outside it still serve the people inside.',
      noBoundaries: 'Import a boundaries layer (districts, streets or towns) to limit the analysis and the suggestions to one of its areas.',
      missing: 'The study area names areas the boundaries layer no longer has ({{ids}}). Choose the study area again.',
      saving: 'Saving the study area…',
      within: 'Within {{names}}: {{cells}} of {{total}} population cells (centre inside), {{elderly}} older people.',
      candidatesOutside: 'Candidate sites outside the study area may be chosen too',
    },
    basement: {
      label: 'Exclude basements (floor below 1)',
      hint: 'Day-care centres belong on low floors above ground. A site whose floor is unknown is kept.',
    },
    exclusions: {
      heading: 'Candidate sites left out',
      reasons: {
        'outside-study-area': 'outside the study area',
        'floor-area': 'floor area too small',
        'floor-area-unknown': 'floor area unknown',
        'floor-level': 'above the highest floor',
        'floor-level-unknown': 'floor unknown',
        'floor-level-low': 'basement (below the lowest floor)',
        'exclusion-zone': 'in an exclusion zone',
        'near-existing': 'too near an existing facility',
      },
      row: '{{reason}}: {{sites}}',
    },
    notes: {
      heading: 'How the optimiser worked',
    },
  },
};

/** English texts of the errors added with the study area and the basement rule (spread into en.errors.known). */
export const enPlanErrors = {
  study_area_unknown: 'No area of the boundaries layer is called “{{name}}”. Choose the study area again.',
  study_area_ambiguous: '{{count, number}} areas of the boundaries layer are called “{{name}}”. Choose the area from the list.',
  floor_levels_crossed: 'The lowest floor ({{min}}) is above the highest floor ({{max}}). Correct one of them.',
  optimizer_model_too_large: "The model is too large for the exact solver HiGHS ({{columns, number}} columns, {{nonzeros, number}} nonzeros): the bound comes from the Lagrangian relaxation.",
  optimizer_lp_time_limit: "The LP relaxation ({{columns, number}} columns, {{nonzeros, number}} nonzeros) reached its time limit of {{seconds}} s without a bound; the bound comes from a faster method.",
  optimizer_mip_time_limit: "The exact solver stopped at its time limit ({{seconds}} s); the best sites found so far are shown.",
  optimizer_lp_bound_skipped: "The LP bound was skipped: the gap was already small and the exact model is too large.",
  optimizer_branch_stopped: "The branch-and-bound search stopped after {{nodes, number}} nodes; the exact solver continued from its best sites.",
  optimizer_proven_optimal: "Proven optimal by branch-and-bound ({{nodes, number}} nodes).",
  optimizer_branch_limit: "The branch-and-bound search stopped at its limit after {{nodes, number}} nodes: the result may not be optimal (see the gap).",
  optimizer_sites_add_nothing: "Only {{count, number}} new sites add coverage; further sites would add none.",
  optimizer_walk_limit: "Walking times beyond {{minutes}} minutes are not modelled: everyone a site can serve is brought within {{minutes}} minutes of one.",
  optimizer_demand_left_out: "{{cells, number}} cells ({{elderly, number}} older people) are reached by no facility or candidate site within {{minutes}} minutes’ walk and were left out.",
  optimizer_sites_off_network: "{{count, number}} candidate sites lie more than {{metres, number}} m from every walkable way and reach nobody.",
  optimizer_capacity_stated: "{{count, number}} candidate sites state their own capacity; the others get the site capacity entered.",
  optimizer_capacity_unlimited: "{{count, number}} existing facilities state no capacity and are treated as unlimited.",
  optimizer_capacitated_demand: "Day-care demand = older people × uptake {{uptake}}; coverage is counted in day places used.",
  optimizer_straight_line_costs: "Costs are straight-line distances, each older person paired only with the sites that could serve them better than today.",
  optimizer_far_demand: "{{count, number}} demand points (weight {{weight, number}}) are farther than {{metres, number}} m from every open site; the bound counts each at that distance; the objective uses their true distance.",
  optimizer_second_bound: "A second bound was computed from the demand grouped into cells.",
  optimizer_set_cover_reduced: "The model was reduced by dominance: {{rows, number}} demand rows and {{columns, number}} site columns dropped.",
  optimizer_greedy_short: "The first (greedy) pass could not reach the target under the spacing rule.",
  optimizer_demand_split: "A cell’s demand may be split between sites; the assignment serves as much demand as possible, not the nearest site first.",
  optimizer_note_other: "A further technical note (in English, as the command line prints it).",
  optimizer_exact_too_large: "The exact solver was asked for, but the model would have {{columns, number}} columns and {{nonzeros, number}} nonzeros, beyond what it can solve. Choose another solver (heuristic first), fewer candidate sites or a smaller radius.",
  grid_candidates_too_many: "A {{metres, number}} m grid of candidate sites would have {{cells, number}} points (at most {{limit, number}}). Choose a wider spacing or a study area.",
  optimizer_center_unreachable: "{{k, number}} new sites cannot reach every older person at any distance. Add sites or candidate sites.",
  optimizer_center_not_found: "No set of {{k, number}} new sites reaching every older person was found; the minimum spacing may prevent it. Lower the spacing or add sites.",
};
