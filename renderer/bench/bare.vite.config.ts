// The bare JSON Forms + MUI + ajv bundle, built exactly like <regforms-form> (the same config
// with another entry), so the two sizes compare like for like.
import { mergeConfig } from 'vite';
import element from '../vite.config.ts';

export default mergeConfig(element, {
  build: {
    sourcemap: false,
    lib: { entry: 'bench/bare.tsx', fileName: () => 'bare.js' },
  },
});
