import type { Db } from '../db.ts';
import type { Tx } from '../../types.ts';
import { insertRunSync, updateRunSync } from './runs.ts';
import { insertGoalsSync, insertJournalSync } from './tasks.ts';
import { cancelRunOutboxSync, deleteRunTimersSync, deleteTimersSync, insertOutboxSync, insertTimersSync } from './work.ts';

/** The step's writes as one synchronous batch of prepared statements. */
export const stepQueries = (db: Db): Pick<Tx, 'writeStep'> => ({
  async writeStep(w) {
    if (w.isNew) insertRunSync(db, w.run);
    else updateRunSync(db, w.run);
    if (w.outbox.length) insertOutboxSync(db, w.outbox);
    if (w.ended) {
      deleteRunTimersSync(db, w.run.id);
      if (w.ended === 'exited') cancelRunOutboxSync(db, w.run.id);
    } else {
      if (w.timersDelete.length) deleteTimersSync(db, w.timersDelete);
      if (w.timersInsert.length) insertTimersSync(db, w.timersInsert);
    }
    if (w.goals.length) insertGoalsSync(db, w.goals);
    if (w.journal.length) insertJournalSync(db, w.journal);
  },
});
