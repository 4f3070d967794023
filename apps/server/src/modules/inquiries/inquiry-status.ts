/** The inquiry desk's workflow (NTF-4): open → answered → (approved | rejected) → closed. */
export type InquiryStatus = 'open' | 'answered' | 'approved' | 'rejected' | 'closed';
export type InquiryKind = 'acknowledge' | 'question' | 'signature_disable' | 'config_change';

export const INQUIRY_KINDS: readonly InquiryKind[] = ['acknowledge', 'question', 'signature_disable', 'config_change'];
export const INQUIRY_STATUSES: readonly InquiryStatus[] = ['open', 'answered', 'approved', 'rejected', 'closed'];

const NEXT: Record<InquiryStatus, readonly InquiryStatus[]> = {
  open: ['answered', 'approved', 'rejected', 'closed'],
  answered: ['open', 'approved', 'rejected', 'closed'],
  approved: ['closed'],
  rejected: ['closed'],
  closed: [],
};

/** Only requests (not questions or acknowledgements) are decided. */
export function canMove(kind: InquiryKind, from: InquiryStatus, to: InquiryStatus): boolean {
  if ((to === 'approved' || to === 'rejected') && kind !== 'signature_disable' && kind !== 'config_change') return false;
  return NEXT[from].includes(to);
}

/** A new message moves the thread: staff answering marks it answered; a customer writing back reopens it. */
export function statusAfterMessage(current: InquiryStatus, party: 'provider' | 'customer'): InquiryStatus {
  if (party === 'provider' && current === 'open') return 'answered';
  if (party === 'customer' && current === 'answered') return 'open';
  return current;
}
