import { Initial1795324321720 } from './1795324321720-Initial.js';
import { LinkedAccounts1795325934635 } from './1795325934635-LinkedAccounts.js';
import { UsageMetering1795966209775 } from './1795966209775-UsageMetering.js';
import { ClientApplications1795967272960 } from './1795967272960-ClientApplications.js';
import { LinkedAccountDpopKey1795977041758 } from './1795977041758-LinkedAccountDpopKey.js';
import { UsageEventsPerSecond1796011200000 } from './1796011200000-UsageEventsPerSecond.js';

// Migrations are listed explicitly (no globs) so the same list loads under
// ts-jest, from dist/, and in PGlite. Append new ones in order.
export const migrations = [Initial1795324321720, LinkedAccounts1795325934635, UsageMetering1795966209775, ClientApplications1795967272960, LinkedAccountDpopKey1795977041758, UsageEventsPerSecond1796011200000];
