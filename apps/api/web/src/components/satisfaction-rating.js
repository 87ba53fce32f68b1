// @ts-check
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { api, ApiError, errorMessage, fieldErrors } from '../api.js';
import { formatDateTime } from '../format.js';
import { Alert, Field } from './field.js';

const COMMENT_MAX = 1000;

/** Words for the default 1–5 scale; another configured scale shows numbers only. */
const WORDS_1_TO_5 = {
  1: 'Rất không hài lòng',
  2: 'Không hài lòng',
  3: 'Bình thường',
  4: 'Hài lòng',
  5: 'Rất hài lòng',
};

function scoreWords(score, scale) {
  return scale.min === 1 && scale.max === 5 ? WORDS_1_TO_5[score] : null;
}

function scores(scale) {
  const out = [];
  for (let s = scale.min; s <= scale.max; s += 1) {
    out.push(s);
  }
  return out;
}

/** After submission, or when the application was already rated: the thanks and the score. */
function Thanks({ rating, scale, justRated }) {
  const heading = useRef(/** @type {HTMLElement | null} */ (null));
  useEffect(() => {
    // Tell a screen reader the form is gone and what replaced it.
    if (justRated) {
      heading.current?.focus();
    }
  }, [justRated]);
  const words = scoreWords(rating.score, scale);
  const given = `${rating.score}/${scale.max}${words ? ` – ${words}` : ''}`;
  // Texts that end next to an element go in as fields: htm drops whitespace around newlines.
  return html`<section
    class="card rating"
    aria-labelledby="rating-title"
    data-testid="rating-thanks"
  >
    <h2 id="rating-title" ref=${heading} tabindex="-1">Đánh giá mức độ hài lòng</h2>
    <p class="rating__thanks">Cảm ơn ông/bà đã đánh giá.</p>
    <p>
      ${'Mức đánh giá của ông/bà: '}<strong data-testid="rating-given">${given}</strong>
      <span class="muted">${` (gửi lúc ${formatDateTime(rating.ratedAt)})`}</span>
    </p>
  </section>`;
}

/**
 * The citizen rates the handling of an application once its result was returned (K8). Native
 * radio buttons in a fieldset: Tab reaches the group, the arrow keys choose, Space confirms.
 * `asked` holds the code and phone digits of the look-up that showed this application.
 */
export function SatisfactionRating({ status, asked, onChange }) {
  const scale = status.ratingScale ?? { min: 1, max: 5 };
  const [score, setScore] = useState(/** @type {number | null} */ (null));
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState(/** @type {Record<string, string | undefined>} */ ({}));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [justRated, setJustRated] = useState(false);
  const firstScore = useRef(/** @type {HTMLInputElement | null} */ (null));

  if (status.rating) {
    return html`<${Thanks} rating=${status.rating} scale=${scale} justRated=${justRated} />`;
  }
  if (!status.canRate) {
    return null;
  }

  const onSubmit = async (event) => {
    event.preventDefault();
    if (score === null) {
      setErrors({ score: 'Vui lòng chọn một mức độ hài lòng.' });
      setError('');
      firstScore.current?.focus();
      return;
    }
    setBusy(true);
    setErrors({});
    setError('');
    try {
      const rating = await api('/public/applications/rating', {
        method: 'POST',
        auth: false,
        body: {
          code: asked.code,
          phone: asked.phone,
          score,
          ...(comment.trim() ? { comment } : {}),
        },
      });
      setJustRated(true);
      onChange({ ...status, canRate: false, rating });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        // Already rated (current: that rating) or not returned yet (current: the status).
        setJustRated(err.code === 'DUPLICATE');
        onChange(
          err.code === 'DUPLICATE' && err.current
            ? { ...status, canRate: false, rating: err.current }
            : (err.current ?? { ...status, canRate: false }),
        );
        return;
      }
      const fields = fieldErrors(err);
      setErrors({
        score: fields.score ? `Vui lòng chọn một mức từ ${scale.min} đến ${scale.max}.` : undefined,
        comment: fields.comment ? `Góp ý tối đa ${COMMENT_MAX} ký tự.` : undefined,
      });
      setError(
        err instanceof ApiError && err.status === 404
          ? 'Không tìm thấy hồ sơ với mã và số điện thoại đã nhập. Vui lòng tra cứu lại.'
          : errorMessage(err),
      );
    } finally {
      setBusy(false);
    }
  };

  return html`<section class="card rating" aria-labelledby="rating-title">
    <h2 id="rating-title">Đánh giá mức độ hài lòng</h2>
    <p class="muted">
      Hồ sơ đã được trả kết quả. Ông/bà vui lòng cho biết mức độ hài lòng với việc giải quyết hồ sơ
      này; mỗi hồ sơ được đánh giá một lần.
    </p>
    <form onSubmit=${onSubmit} novalidate>
      <${Alert}>${error}<//>
      <fieldset
        class=${`group ${errors.score ? 'field--invalid' : ''}`}
        aria-describedby=${errors.score ? 'rating-score-error' : undefined}
      >
        <legend>Mức độ hài lòng<span class="required" aria-hidden="true"> *</span></legend>
        <div class="rating__scores">
          ${scores(scale).map(
            (s, i) =>
              html`<label class="rating__score">
                <input
                  ref=${i === 0 ? firstScore : undefined}
                  type="radio"
                  name="rating-score"
                  value=${s}
                  checked=${score === s}
                  onChange=${() => {
                    setScore(s);
                    setErrors({ ...errors, score: undefined });
                  }}
                />
                <span>${s}${scoreWords(s, scale) ? ` – ${scoreWords(s, scale)}` : ''}</span>
              </label>`,
          )}
        </div>
        ${
          errors.score
            ? html`<p class="error-text" id="rating-score-error">${errors.score}</p>`
            : null
        }
      </fieldset>
      <${Field}
        id="rating-comment"
        label="Góp ý thêm (không bắt buộc)"
        error=${errors.comment}
        hint=${`Tối đa ${COMMENT_MAX} ký tự.`}
      >
        ${(a) => html`<textarea ...${a} rows="3" maxlength=${COMMENT_MAX} value=${comment} onInput=${(e) => setComment(e.currentTarget.value)}></textarea>`}
      <//>
      <div class="actions">
        <button type="submit" class="button button--primary" disabled=${busy}>
          ${busy ? 'Đang gửi…' : 'Gửi đánh giá'}
        </button>
      </div>
    </form>
  </section>`;
}
