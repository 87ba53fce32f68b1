/** Whom a dossier belongs to: a citizen, or an organisation (a school, a company). */
export type ApplicantKind = 'person' | 'organization';

/**
 * The "Kính gửi:" line: "Ông/Bà Nguyễn Thị Hằng" for a person, the organisation's own name for
 * an organisation (never "Ông/Bà Trường THPT …").
 */
export function addresseeOf(applicant: { fullName: string; kind?: ApplicantKind }): string {
  return applicant.kind === 'organization' ? applicant.fullName : `Ông/Bà ${applicant.fullName}`;
}

/** "you" inside a letter's sentences: "ông/bà" for a person, "quý cơ quan" for an organisation. */
export function youOf(kind: ApplicantKind): string {
  return kind === 'organization' ? 'quý cơ quan' : 'ông/bà';
}
