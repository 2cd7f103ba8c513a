#!/usr/bin/env node
/* The `regforms` command (the package's bin). */
import { run } from './program.ts';

process.exitCode = await run(process.argv.slice(2));
