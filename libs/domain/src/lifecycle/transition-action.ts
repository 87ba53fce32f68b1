/** Actions on an application, as they appear in `POST /applications/{id}/{action}`. Persisted in history. */
export enum TransitionAction {
  Receive = 'receive',
  /** The desk finds the dossier incomplete and gives written guidance (Mẫu 02); not received. */
  RequestCompletion = 'request-completion',
  Refuse = 'refuse',
  Assign = 'assign',
  Start = 'start',
  RequestSupplement = 'request-supplement',
  ReceiveSupplement = 'receive-supplement',
  RequirePayment = 'require-payment',
  ConfirmPayment = 'confirm-payment',
  RequestWithdrawal = 'request-withdrawal',
  Stop = 'stop',
  MarkResultReady = 'mark-result-ready',
  ReturnResult = 'return-result',
  Apologize = 'apologize',
  /** Review chain (per procedure): the officer's draft goes to review and signature. */
  SubmitForReview = 'submit-for-review',
  ApproveReview = 'approve-review',
  /** The signer signs the result: its number and signer are recorded. */
  SignResult = 'sign-result',
  /** A reviewer or the signer returns the draft to the officer, with a reason. */
  SendBack = 'send-back',
  /** Liên thông: the application goes to another department for one budgeted step. */
  HandOver = 'hand-over',
}

/** What an action does to the deadline clock (domain spec section 2, "Clock" column). */
export enum ClockEffect {
  /** Nothing changes: the clock keeps its state. */
  None = 'none',
  /** Reception: the clock starts and the appointment date is computed. */
  Start = 'start',
  /** Supplement requested: the 766 method pauses here; the restart rule resets on completion. */
  Pause = 'pause',
  /** Supplement completed: the time limit starts again from zero (new due date). */
  Restart = 'restart',
  /** Resume after a pause that did not reset the limit (payment, when configured to pause). */
  Resume = 'resume',
  /** Processing ends (result ready, stopped): the KPI end time. */
  Stop = 'stop',
  /** An apology moves the appointment date; the original stays for the KPI. */
  Reschedule = 'reschedule',
}
