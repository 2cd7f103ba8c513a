/**
 * Amber for "minor" and "warning" marks that must stay readable: MUI's warning oranges are
 * below 4.5:1 against white (text) or under white text (chips); this one is 6.3:1 both ways.
 */
export const AMBER = '#8a5300';
