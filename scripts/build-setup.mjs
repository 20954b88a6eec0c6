// Vitest's global set-up (unit and browser suites): tests that start `keping` as a process run the
// compiled build of the sources as they are now, never an earlier one.
import { buildKeping } from './build.mjs';

export default async function setup() {
  await buildKeping();
}
