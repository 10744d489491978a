// Singular value decomposition of a small dense matrix, in plain JavaScript (tfjs has none), and the
// truncated rank-r factors built from it.
// Algorithm: one-sided Jacobi (Hestenes 1958, "Inversion of matrices by biorthogonalization and
// related results"; Demmel & Veselić 1992, "Jacobi's method is more accurate than QR"): plane
// rotations make the columns of A·V mutually orthogonal; then the column norms are the singular
// values and the normalised columns the left singular vectors. Unlike power or subspace iteration on
// WᵀW it never squares the condition number, needs no random start, and yields every singular
// triplet at once, so one decomposition serves every rank the demo sweeps.
// By Eckart–Young–Mirsky, keeping the r largest triplets gives the best rank-r approximation in the
// Frobenius and spectral norms: ‖W − W_r‖²_F = Σ_{i>r} σ_i² and ‖W − W_r‖₂ = σ_{r+1}.

/** A row-major rows × cols matrix. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array | Float32Array;
}

export interface Svd {
  /** rows × k, orthonormal columns (a column whose singular value is 0 is all zeros). */
  readonly u: Float64Array;
  /** k singular values, largest first, k = min(rows, cols). */
  readonly s: Float64Array;
  /** cols × k, orthonormal columns. */
  readonly v: Float64Array;
  readonly rows: number;
  readonly cols: number;
  readonly k: number;
  /** Jacobi sweeps until every pair of columns was orthogonal to working precision. */
  readonly sweeps: number;
}

const MAX_SWEEPS = 60;
const EPS = 1e-15;

/** Transpose of a row-major matrix. */
function transpose(m: Matrix): Matrix {
  const data = new Float64Array(m.rows * m.cols);
  for (let r = 0; r < m.rows; r++) for (let c = 0; c < m.cols; c++) data[c * m.rows + r] = m.data[r * m.cols + c]!;
  return { rows: m.cols, cols: m.rows, data };
}

/** Full thin SVD: A = U·diag(s)·Vᵀ. */
export function svd(a: Matrix): Svd {
  if (a.data.length !== a.rows * a.cols) throw new Error(`svd: data has ${a.data.length} values, not ${a.rows}×${a.cols}`);
  if (a.rows === 0 || a.cols === 0) throw new Error('svd: empty matrix');
  // One-sided Jacobi orthogonalises columns; with more columns than rows, decompose Aᵀ and swap.
  if (a.rows < a.cols) {
    const t = svd(transpose(a));
    return { u: t.v, s: t.s, v: t.u, rows: a.rows, cols: a.cols, k: t.k, sweeps: t.sweeps };
  }
  const m = a.rows;
  const n = a.cols;
  // Work on columns stored contiguously: w[j*m + i] = A[i][j].
  const w = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) w[j * m + i] = a.data[i * n + j]!;
  const v = new Float64Array(n * n);
  for (let j = 0; j < n; j++) v[j * n + j] = 1;
  let sweeps = 0;
  for (let rotated = true; rotated && sweeps < MAX_SWEEPS; sweeps++) {
    rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          const x = w[p * m + i]!;
          const y = w[q * m + i]!;
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) <= EPS * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        // The rotation that zeroes the (p, q) entry of the Gram matrix (Rutishauser's stable form).
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < m; i++) {
          const x = w[p * m + i]!;
          const y = w[q * m + i]!;
          w[p * m + i] = c * x - s * y;
          w[q * m + i] = s * x + c * y;
        }
        for (let i = 0; i < n; i++) {
          const x = v[i * n + p]!;
          const y = v[i * n + q]!;
          v[i * n + p] = c * x - s * y;
          v[i * n + q] = s * x + c * y;
        }
      }
    }
  }
  const norms = Array.from({ length: n }, (_, j) => {
    let sum = 0;
    for (let i = 0; i < m; i++) sum += w[j * m + i]! ** 2;
    return Math.sqrt(sum);
  });
  const order = norms.map((_, j) => j).sort((x, y) => norms[y]! - norms[x]! || x - y);
  const k = n;
  const u = new Float64Array(m * k);
  const s = new Float64Array(k);
  const vs = new Float64Array(n * k);
  const largest = norms[order[0]!]!;
  order.forEach((j, rank) => {
    const sigma = norms[j]!;
    // Below this, a column is rounding noise of a rank-deficient matrix: singular value 0, no direction.
    const zero = sigma <= largest * 1e-13 || sigma === 0;
    s[rank] = zero ? 0 : sigma;
    for (let i = 0; i < m; i++) u[i * k + rank] = zero ? 0 : w[j * m + i]! / sigma;
    for (let i = 0; i < n; i++) vs[i * k + rank] = v[i * n + j]!;
  });
  return { u, s, v: vs, rows: m, cols: n, k, sweeps };
}

/**
 * Rank-r factors of the decomposed matrix, A (rows × r) and B (r × cols) with A·B = U_r·Σ_r·V_rᵀ,
 * splitting each singular value evenly (√σ on both sides) so neither factor's scale dominates.
 */
export function lowRankFactors(d: Svd, rank: number): { a: Float32Array; b: Float32Array } {
  if (!(Number.isInteger(rank) && rank >= 1 && rank <= d.k)) throw new Error(`svd: rank must be an integer in 1…${d.k}, got ${rank}`);
  const a = new Float32Array(d.rows * rank);
  const b = new Float32Array(rank * d.cols);
  for (let j = 0; j < rank; j++) {
    const root = Math.sqrt(d.s[j]!);
    for (let i = 0; i < d.rows; i++) a[i * rank + j] = d.u[i * d.k + j]! * root;
    for (let i = 0; i < d.cols; i++) b[j * d.cols + i] = d.v[i * d.k + j]! * root;
  }
  return { a, b };
}

/** U_r·Σ_r·V_rᵀ as a row-major rows × cols matrix. */
export function reconstruct(d: Svd, rank: number = d.k): Float64Array {
  const out = new Float64Array(d.rows * d.cols);
  for (let j = 0; j < rank; j++) {
    const sigma = d.s[j]!;
    if (sigma === 0) continue;
    for (let r = 0; r < d.rows; r++) {
      const ur = d.u[r * d.k + j]! * sigma;
      if (ur === 0) continue;
      for (let c = 0; c < d.cols; c++) out[r * d.cols + c] = out[r * d.cols + c]! + ur * d.v[c * d.k + j]!;
    }
  }
  return out;
}

/** Parameters of a rows × cols layer stored as rank-r factors plus its bias. */
export function factoredParams(rows: number, cols: number, rank: number): number {
  return rank * (rows + cols) + cols;
}

/** The largest rank whose factors are smaller than the dense kernel: r·(rows + cols) < rows·cols. */
export function breakEvenRank(rows: number, cols: number): number {
  return Math.ceil((rows * cols) / (rows + cols)) - 1;
}
