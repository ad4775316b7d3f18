import { defineConfig } from 'drizzle-kit';

/** `npx drizzle-kit generate` writes the SQLite migrations applied at start. */
export default defineConfig({
  dialect: 'sqlite',
  schema: './server/store/sqlite/schema.ts',
  out: './server/store/sqlite/migrations',
});
