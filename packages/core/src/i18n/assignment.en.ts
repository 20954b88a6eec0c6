/** English messages of the assignment engines and their CLI commands. */
export const assignmentEn = {
  'assignment.title': 'Assignment',
  'assignment.mode.optimal': 'optimal',
  'assignment.mode.fair': 'fair',
  'assignment.mode.random': 'random draw',

  // input
  'errors.ASSIGNMENT_PER_ENTRY': 'Experts per entry must be a whole number of at least 1 (got "{{value}}")',
  'errors.ASSIGNMENT_LOAD': 'A load must be a whole number of at least 0 (got "{{value}}")',
  'errors.ASSIGNMENT_LOAD_ORDER': 'The minimum load {{minLoad}} is above the maximum load {{maxLoad}}',
  'errors.ASSIGNMENT_EXPERT_LOAD_ORDER': 'Expert {{expert}}: minimum load {{minLoad}} is above maximum load {{maxLoad}}',
  'errors.ASSIGNMENT_RESERVES': 'The number of reserves must be a whole number of at least 0 (got "{{value}}")',
  'errors.ASSIGNMENT_SCORE_INVALID': 'Score "{{value}}" is not a number',
  'errors.ASSIGNMENT_CANDIDATES': 'Unknown candidate mode "{{value}}": use all or listed',
  'errors.ASSIGNMENT_SEED_REQUIRED': 'A random draw needs a seed, so that it can be repeated and checked',
  'errors.ASSIGNMENT_ID_MISSING': 'Row {{index}} has no id',
  'errors.ASSIGNMENT_DUPLICATE_ENTRY': 'Entry id "{{id}}" appears twice (first in row {{first}})',
  'errors.ASSIGNMENT_DUPLICATE_EXPERT': 'Expert id "{{id}}" appears twice (first in row {{first}})',
  'errors.ASSIGNMENT_UNKNOWN_ENTRY': 'Unknown entry "{{id}}"',
  'errors.ASSIGNMENT_UNKNOWN_EXPERT': 'Unknown expert "{{id}}"',
  'errors.ASSIGNMENT_DUPLICATE_PAIR': 'The pair {{entry}} – {{expert}} is listed twice (first in row {{first}})',
  'errors.ASSIGNMENT_TOO_MANY_PAIRS': '{{pairs}} entry–expert pairs exceed the limit of {{limit}}: list the candidate pairs instead',
  'errors.ASSIGNMENT_NOT_A_NUMBER': '"{{value}}" is not a number',
  'errors.ASSIGNMENT_OPTION': 'Option {{option}} needs {{expected}} (got "{{value}}")',

  // infeasible
  'errors.ASSIGNMENT_TOO_FEW_EXPERTS':
    'Entry {{entry}} has only {{available}} eligible experts (no conflict, right category and expertise) but needs {{needed}}',
  'errors.ASSIGNMENT_TOO_FEW_ORGANISATIONS':
    'Entry {{entry}} has eligible experts from only {{available}} organisations but needs {{needed}} experts of different organisations',
  'errors.ASSIGNMENT_CAPACITY':
    'The experts can take at most {{capacity}} assignments (their maximum loads, counting only entries each may review), but {{entries}} entries × {{perEntry}} experts need {{needed}}',
  'errors.ASSIGNMENT_CATEGORY_CAPACITY':
    'Category {{category}}: its {{entries}} entries need {{needed}} assignments, but the experts who may review them can take at most {{capacity}}',
  'errors.ASSIGNMENT_MIN_LOAD_TOTAL': 'The minimum loads add up to {{total}}, but there are only {{needed}} assignments to give',
  'errors.ASSIGNMENT_MIN_LOAD_EXPERT': 'Expert {{expert}} must review at least {{minLoad}} entries but may review only {{eligible}}',
  'errors.ASSIGNMENT_ENTRY_BLOCKED':
    'Entry {{entry}} cannot get {{missing}} more expert(s): with {{entries}} other entries it competes for {{experts}} experts, all at their maximum load',
  'errors.ASSIGNMENT_MIN_LOAD_UNMET': 'Expert {{expert}} cannot reach the minimum load of {{minLoad}} ({{missing}} short) without breaking another rule',

  // CLI
  'assignment.cli.usage':
    'keping assign --entries E.csv --experts X.csv --affinity A.csv [--conflicts C.csv] --per-entry K --max-load L [--min-load M] ' +
    '[--mode optimal|fair|random] [--seed S] [--reserves R] [--candidates all|listed] [--min-score S] [--same-organisation-conflict yes|no] ' +
    '[--one-per-organisation] --out OUT.csv',
  'assignment.cli.summary':
    '{{entries}} entries × {{perEntry}} experts assigned ({{mode}}): total affinity {{total}}, lowest entry total {{minimum}} ({{entry}})',
  'assignment.cli.fair': 'Smallest entry total {{minimum}}, {{proof}}; the optimal mode gives {{optimalMinimum}} with total {{optimalTotal}}',
  'assignment.cli.fairProven': 'proven the best possible',
  'assignment.cli.fairBound': 'no assignment can exceed {{bound}}',
  'assignment.cli.seed': 'Seed {{seed}}: keep it — the same files and seed give the same draw',
  'assignment.cli.excluded':
    'Pairs excluded: {{conflict}} for conflicts, {{sameOrganisation}} for the same organisation, {{category}} for another category, {{belowMinScore}} below the minimum score',
  'assignment.cli.written': 'Wrote {{path}} ({{rows}} rows)',
  'assignment.cli.inFile': '{{file}}, row {{row}}, column {{column}}: {{message}}',
  'assignment.cli.inFileRow': '{{file}}, row {{row}}: {{message}}',
  'assignment.cli.more': '… and {{count}} more problems',
} as const;
export type AssignmentKey = keyof typeof assignmentEn;
