/**
 * The submission policy's vocabulary: how strictly a submission is judged.
 *
 * `strict` (the default, as Kanta): a submission with errors is refused. `rehearsal`: it is stored,
 * marked invalid, and its errors come back as warnings ("tag instead of reject"), so a vendor can look at
 * what was sent. Rehearsal never relaxes the identity guard.
 */
export type ValidationMode = 'strict' | 'rehearsal';
