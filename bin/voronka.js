#!/usr/bin/env node
// The `voronka` CLI: runs the TypeScript entry point through tsx's loader, so `npx voronka …`
// works right after `npm install` without a separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
