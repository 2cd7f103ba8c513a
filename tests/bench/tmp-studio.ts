import { studioFirstPaint } from './studio-start.ts';
const t = Date.now();
console.log(await studioFirstPaint(3), 'total', Date.now() - t);
process.exit(0);
