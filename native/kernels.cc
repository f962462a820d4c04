// Native float32 kernels for the in-house model (src/model/kernels/native.ts loads this addon).
//
// gemm: C[M,N] (+)= op(A)·op(B) with A stored as rows [M,K] or columns [K,M] and B as [K,N]
// or [N,K], the three layouts a Linear layer's forward and backward need. It follows the
// usual blocked design (Goto & van de Geijn 2008): B is packed into 16-column panels and A
// into 6-row panels so that a 6×16 register tile (12 AVX2 accumulators) does 12 FMAs per 8
// loads. gemv: the few-row case with B as [N,K] (decoding one token), read in place.
//
// Determinism: every element of C is one FMA chain over k in increasing order, in K blocks of
// fixed size, computed by one thread; which thread took which block cannot change a bit.
// Threads: a small pool (std::thread), the caller included; a call that finds the pool busy
// (another JS thread) computes alone.
#include <node_api.h>
#include <immintrin.h>
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <cmath>
#include <cstring>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace {

constexpr int MR = 6, NR = 16, KC = 384, MC = 96;

// ---- thread pool -------------------------------------------------------------------------

class Pool {
 public:
  explicit Pool(int extra) {
    for (int i = 0; i < extra; i++) threads_.emplace_back([this] { loop(); });
  }
  int size() const { return (int)threads_.size() + 1; }
  // Runs task(i) for i in [0, n), items claimed one at a time by the caller and the workers.
  void run(int n, const std::function<void(int)>& task) {
    if (threads_.empty() || n <= 1) { for (int i = 0; i < n; i++) task(i); return; }
    uint64_t gen;
    {
      std::lock_guard<std::mutex> g(m_);
      gen = ++gen_;
      task_ = &task; n_ = n;
      done_.store(0, std::memory_order_relaxed);
      claim_.store(gen << 32, std::memory_order_release);  // opens the job: item 0 is next
    }
    cv_.notify_all();
    work(gen, task, n);
    // Short spin, then sleep: the workers' last items are usually nearly done.
    for (int spin = 0; done_.load(std::memory_order_acquire) < n; spin++) {
      if (spin < 4000) { _mm_pause(); continue; }
      std::unique_lock<std::mutex> l(m_);
      doneCv_.wait(l, [&] { return done_.load(std::memory_order_acquire) >= n; });
    }
  }

 private:
  // Items are claimed by compare-exchange on (generation << 32 | next item), so a worker still
  // looking at a finished job can never take an item of the next one.
  void work(uint64_t gen, const std::function<void(int)>& task, int n) {
    for (;;) {
      uint64_t v = claim_.load(std::memory_order_acquire);
      if ((v >> 32) != gen || (int)(v & 0xffffffffu) >= n) return;
      if (!claim_.compare_exchange_weak(v, v + 1, std::memory_order_acq_rel)) continue;
      task((int)(v & 0xffffffffu));
      if (done_.fetch_add(1, std::memory_order_acq_rel) + 1 == n) { std::lock_guard<std::mutex> g(m_); doneCv_.notify_all(); }
    }
  }
  void loop() {
    uint64_t seen = 0;
    for (;;) {
      const std::function<void(int)>* task;
      int n;
      {
        std::unique_lock<std::mutex> l(m_);
        cv_.wait(l, [&] { return gen_ != seen; });
        seen = gen_; task = task_; n = n_;
      }
      work(seen, *task, n);
    }
  }
  std::vector<std::thread> threads_;
  std::mutex m_;
  std::condition_variable cv_, doneCv_;
  const std::function<void(int)>* task_ = nullptr;
  int n_ = 0;
  uint64_t gen_ = 0;
  std::atomic<uint64_t> claim_{0};
  std::atomic<int> done_{0};

 public:
  std::mutex busy;  // held for a whole parallel call
};

Pool* pool = nullptr;
int poolThreads = 1;

// ---- gemm --------------------------------------------------------------------------------

// op(A) is M×K, op(B) is K×N. A is stored by rows (a[i·lda + k]) or by columns (a[k·lda + i]);
// B as [K,N] (b[k·ldb + j]) or [N,K] (b[j·ldb + k]); C as c[i·ldc + j]. Leading dimensions let
// attention multiply one head's columns of a [rows, heads·D] buffer in place.
struct Layout {
  const float* a; bool aRows; const float* b; bool bKn; int M, K, N; int lda, ldb, ldc;
  static Layout dense(const float* a, bool aRows, const float* b, bool bKn, int M, int K, int N) {
    return Layout{a, aRows, b, bKn, M, K, N, aRows ? K : M, bKn ? N : K, N};
  }
};

// Packs rows i0..i0+mr of op(A), columns k0..k0+kc, as [kc][MR] (rows past mr are zero).
inline void packA(float* dst, const Layout& L, int i0, int mr, int k0, int kc) {
  for (int k = 0; k < kc; k++) {
    float* d = dst + k * MR;
    for (int r = 0; r < MR; r++) {
      if (r >= mr) { d[r] = 0; continue; }
      const int i = i0 + r, kk = k0 + k;
      d[r] = L.aRows ? L.a[(size_t)i * L.lda + kk] : L.a[(size_t)kk * L.lda + i];
    }
  }
}

// Packs columns j0..j0+nr of op(B), rows k0..k0+kc, as [kc][NR] (columns past nr are zero).
inline void packB(float* dst, const Layout& L, int j0, int nr, int k0, int kc) {
  if (L.bKn) {
    for (int k = 0; k < kc; k++) {
      const float* s = L.b + (size_t)(k0 + k) * L.ldb + j0;
      float* d = dst + k * NR;
      int c = 0;
      for (; c < nr; c++) d[c] = s[c];
      for (; c < NR; c++) d[c] = 0;
    }
  } else {
    for (int c = 0; c < NR; c++) {
      if (c >= nr) { for (int k = 0; k < kc; k++) dst[k * NR + c] = 0; continue; }
      const float* s = L.b + (size_t)(j0 + c) * L.ldb + k0;
      for (int k = 0; k < kc; k++) dst[k * NR + c] = s[k];
    }
  }
}

// C tile (mr×nr at c, row stride ldc) (+)= Ap·Bp over kc.
__attribute__((always_inline)) inline void micro(int kc, const float* ap, const float* bp, float* c, int ldc, int mr, int nr, bool add) {
  __m256 acc[MR][2];
  for (int r = 0; r < MR; r++) acc[r][0] = acc[r][1] = _mm256_setzero_ps();
  for (int k = 0; k < kc; k++) {
    const __m256 b0 = _mm256_loadu_ps(bp + k * NR), b1 = _mm256_loadu_ps(bp + k * NR + 8);
    const float* a = ap + k * MR;
    for (int r = 0; r < MR; r++) {
      const __m256 x = _mm256_broadcast_ss(a + r);
      acc[r][0] = _mm256_fmadd_ps(x, b0, acc[r][0]);
      acc[r][1] = _mm256_fmadd_ps(x, b1, acc[r][1]);
    }
  }
  if (mr == MR && nr == NR) {
    for (int r = 0; r < MR; r++) {
      float* cr = c + (size_t)r * ldc;
      if (add) {
        _mm256_storeu_ps(cr, _mm256_add_ps(_mm256_loadu_ps(cr), acc[r][0]));
        _mm256_storeu_ps(cr + 8, _mm256_add_ps(_mm256_loadu_ps(cr + 8), acc[r][1]));
      } else {
        _mm256_storeu_ps(cr, acc[r][0]);
        _mm256_storeu_ps(cr + 8, acc[r][1]);
      }
    }
    return;
  }
  alignas(32) float t[MR][NR];
  for (int r = 0; r < MR; r++) { _mm256_store_ps(t[r], acc[r][0]); _mm256_store_ps(t[r] + 8, acc[r][1]); }
  for (int r = 0; r < mr; r++) {
    float* cr = c + (size_t)r * ldc;
    for (int j = 0; j < nr; j++) cr[j] = add ? cr[j] + t[r][j] : t[r][j];
  }
}

// C[i0:i1, j0:j1] (+)= the same part of op(A)·op(B), packing its own operands: threads given
// disjoint parts share nothing they write (a packed operand shared across cores measured ~2×
// slower here than each core packing its own).
void gemmPart(float* c, const Layout& L, bool accumulate, int i0, int i1, int j0, int j1) {
  static thread_local std::vector<float> aBuf, bBuf;
  const int K = L.K, ldc = L.ldc, panels = (j1 - j0 + NR - 1) / NR;
  for (int k0 = 0; k0 < K; k0 += KC) {
    const int kc = std::min(KC, K - k0);
    const bool add = accumulate || k0 > 0;
    bBuf.resize((size_t)panels * kc * NR);
    float* bp = bBuf.data();
    for (int p = 0; p < panels; p++) packB(bp + (size_t)p * kc * NR, L, j0 + p * NR, std::min(NR, j1 - j0 - p * NR), k0, kc);
    for (int b0 = i0; b0 < i1; b0 += MC) {
      const int mc = std::min(MC, i1 - b0), strips = (mc + MR - 1) / MR;
      aBuf.resize((size_t)strips * kc * MR);
      float* ap = aBuf.data();
      for (int s = 0; s < strips; s++) packA(ap + (size_t)s * kc * MR, L, b0 + s * MR, std::min(MR, mc - s * MR), k0, kc);
      for (int p = 0; p < panels; p++) {
        const int jj = j0 + p * NR, nr = std::min(NR, j1 - jj);
        for (int s = 0; s < strips; s++) {
          const int r0 = b0 + s * MR;
          micro(kc, ap + (size_t)s * kc * MR, bp + (size_t)p * kc * NR, c + (size_t)r0 * ldc + jj, ldc, std::min(MR, i1 - r0), nr, add);
        }
      }
    }
  }
}

// Splits C along its longer side into parts (whole register tiles) that the threads claim.
void gemm(float* c, const Layout& L, bool accumulate, bool parallel) {
  const int M = L.M, K = L.K, N = L.N;
  if (K == 0) {
    if (!accumulate) for (int i = 0; i < M; i++) std::memset(c + (size_t)i * L.ldc, 0, sizeof(float) * N);
    return;
  }
  if (!parallel) { gemmPart(c, L, accumulate, 0, M, 0, N); return; }
  const bool byRows = M / MR >= N / NR;
  const int unit = byRows ? MR : NR, units = ((byRows ? M : N) + unit - 1) / unit;
  const int parts = std::min(units, 2 * pool->size()), per = (units + parts - 1) / parts;
  pool->run(parts, [=, &L](int t) {
    const int u0 = t * per * unit, u1 = std::min((byRows ? M : N), (t + 1) * per * unit);
    if (u0 >= u1) return;
    if (byRows) gemmPart(c, L, accumulate, u0, u1, 0, N);
    else gemmPart(c, L, accumulate, 0, M, u0, u1);
  });
}

// C[M,N] (+)= A[M,K]·B[N,K]ᵀ for a few rows: dot products along contiguous rows, 4 of B at a time.
void gemvRows(float* c, const float* a, const float* b, int M, int K, int N, bool accumulate, bool parallel) {
  const int chunk = 64, chunks = (N + chunk - 1) / chunk;
  auto part = [=](int ci) {
    const int j0 = ci * chunk, j1 = std::min(N, j0 + chunk);
    for (int i = 0; i < M; i++) {
      const float* x = a + (size_t)i * K;
      for (int j = j0; j < j1; j++) {
        const float* w = b + (size_t)j * K;
        __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
        int k = 0;
        for (; k + 16 <= K; k += 16) {
          s0 = _mm256_fmadd_ps(_mm256_loadu_ps(x + k), _mm256_loadu_ps(w + k), s0);
          s1 = _mm256_fmadd_ps(_mm256_loadu_ps(x + k + 8), _mm256_loadu_ps(w + k + 8), s1);
        }
        alignas(32) float t[8];
        _mm256_store_ps(t, _mm256_add_ps(s0, s1));
        float s = ((t[0] + t[1]) + (t[2] + t[3])) + ((t[4] + t[5]) + (t[6] + t[7]));
        for (; k < K; k++) s += x[k] * w[k];
        float* o = c + (size_t)i * N + j;
        *o = accumulate ? *o + s : s;
      }
    }
  };
  if (parallel) pool->run(chunks, part);
  else for (int ci = 0; ci < chunks; ci++) part(ci);
}


// ---- elementwise and attention -----------------------------------------------------------

// e^x for 8 floats: x = n·ln2 + r with |r| ≤ ln2/2, e^r by its Taylor polynomial to degree 7
// (relative error < 1e-8 before float rounding), 2^n put into the exponent bits.
inline __m256 exp8(__m256 x) {
  x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-87.0f)), _mm256_set1_ps(88.0f));
  const __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504088896341f)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693145751953125f), x);
  r = _mm256_fnmadd_ps(n, _mm256_set1_ps(1.428606765330187e-06f), r);
  __m256 p = _mm256_set1_ps(1.0f / 5040);
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 720));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 120));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 24));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 6));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(0.5f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f));
  const __m256i e = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
  return _mm256_mul_ps(p, _mm256_castsi256_ps(e));
}

inline float hsum8(__m256 v) {
  alignas(32) float t[8];
  _mm256_store_ps(t, v);
  return ((t[0] + t[1]) + (t[2] + t[3])) + ((t[4] + t[5]) + (t[6] + t[7]));
}

inline float hmax8(__m256 v) {
  alignas(32) float t[8];
  _mm256_store_ps(t, v);
  float m = t[0];
  for (int i = 1; i < 8; i++) m = std::max(m, t[i]);
  return m;
}

inline float expScalar(float x) {
  alignas(32) float t[8] = {x};
  _mm256_store_ps(t, exp8(_mm256_load_ps(t)));
  return t[0];
}

// max of x[0..n)
inline float rowMax(const float* x, int n) {
  int i = 0;
  float m = -INFINITY;
  if (n >= 8) {
    __m256 mv = _mm256_loadu_ps(x);
    for (i = 8; i + 8 <= n; i += 8) mv = _mm256_max_ps(mv, _mm256_loadu_ps(x + i));
    m = hmax8(mv);
  }
  for (; i < n; i++) m = std::max(m, x[i]);
  return m;
}

// out[i] = e^(x[i] − sub) for i < n; returns Σ out (out may be x).
inline float expRow(float* out, const float* x, int n, float sub) {
  const __m256 sv = _mm256_set1_ps(sub);
  __m256 acc = _mm256_setzero_ps();
  int i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256 e = exp8(_mm256_sub_ps(_mm256_loadu_ps(x + i), sv));
    _mm256_storeu_ps(out + i, e);
    acc = _mm256_add_ps(acc, e);
  }
  float s = hsum8(acc);
  for (; i < n; i++) { out[i] = expScalar(x[i] - sub); s += out[i]; }
  return s;
}

// Mean-free parts of the loss: returns Σ over rows with a target of (logsumexp − logit[target]);
// dlogits (when given) = softmax/count with −1/count at the target, rows without one zeroed.
double crossEntropy(const float* logits, const int32_t* targets, int rows, int V, float* dl, float inv, bool parallel) {
  std::vector<double> perRow(rows, 0.0);
  const int chunk = 16, chunks = (rows + chunk - 1) / chunk;
  auto part = [=, &perRow](int ci) {
    for (int r = ci * chunk; r < std::min(rows, (ci + 1) * chunk); r++) {
      const float* x = logits + (size_t)r * V;
      const int t = targets[r];
      if (t < 0) { if (dl) std::memset(dl + (size_t)r * V, 0, sizeof(float) * V); continue; }
      const float m = rowMax(x, V);
      float* scratch = dl ? dl + (size_t)r * V : nullptr;
      float s;
      if (scratch) s = expRow(scratch, x, V, m);
      else {
        alignas(32) float tmp[256];
        s = 0;
        for (int i = 0; i < V; i += 256) s += expRow(tmp, x + i, std::min(256, V - i), m);
      }
      const double lse = (double)m + std::log((double)s);
      perRow[r] = lse - (double)x[t];
      if (scratch) {
        const __m256 k = _mm256_set1_ps(inv / s);
        int i = 0;
        for (; i + 8 <= V; i += 8) _mm256_storeu_ps(scratch + i, _mm256_mul_ps(_mm256_loadu_ps(scratch + i), k));
        for (; i < V; i++) scratch[i] *= inv / s;
        scratch[t] -= inv;
      }
    }
  };
  if (parallel) pool->run(chunks, part);
  else for (int ci = 0; ci < chunks; ci++) part(ci);
  double total = 0;
  for (int r = 0; r < rows; r++) total += perRow[r];
  return total;
}

// h = silu(g)·u, and its backward; 8 lanes at a time, the tail scalar.
void swiglu(float* h, float* dg, float* du, const float* dh, const float* g, const float* u, size_t n, bool backward, bool parallel) {
  const size_t chunk = 16384;
  const int chunks = (int)((n + chunk - 1) / chunk);
  auto part = [=](int ci) {
    const size_t i0 = (size_t)ci * chunk, i1 = std::min(n, i0 + chunk);
    const __m256 one = _mm256_set1_ps(1.0f), zero = _mm256_setzero_ps();
    size_t i = i0;
    for (; i + 8 <= i1; i += 8) {
      const __m256 gv = _mm256_loadu_ps(g + i);
      const __m256 sg = _mm256_div_ps(one, _mm256_add_ps(one, exp8(_mm256_sub_ps(zero, gv))));
      const __m256 silu = _mm256_mul_ps(gv, sg), uv = _mm256_loadu_ps(u + i);
      if (!backward) { _mm256_storeu_ps(h + i, _mm256_mul_ps(silu, uv)); continue; }
      const __m256 d = _mm256_loadu_ps(dh + i);
      _mm256_storeu_ps(du + i, _mm256_mul_ps(d, silu));
      const __m256 t = _mm256_fmadd_ps(gv, _mm256_sub_ps(one, sg), one);
      _mm256_storeu_ps(dg + i, _mm256_mul_ps(_mm256_mul_ps(_mm256_mul_ps(d, uv), sg), t));
    }
    for (; i < i1; i++) {
      const float gi = g[i], sg = 1.0f / (1.0f + expScalar(-gi));
      if (!backward) { h[i] = gi * sg * u[i]; continue; }
      du[i] = dh[i] * gi * sg;
      dg[i] = dh[i] * u[i] * sg * (1 + gi * (1 - sg));
    }
  };
  if (parallel && chunks > 1) pool->run(chunks, part);
  else for (int ci = 0; ci < chunks; ci++) part(ci);
}


// AdamW over the flat parameter buffer, as src/model/adamw.ts (float arithmetic, 8 lanes).
void adamw(float* __restrict p, const float* __restrict g, float* __restrict m, float* __restrict v, const uint8_t* __restrict mask,
           size_t n, float lr, float b1, float b2, float eps, float wd, float c1, float c2, bool parallel) {
  const size_t chunk = 1 << 16;
  const int chunks = (int)((n + chunk - 1) / chunk);
  auto part = [=](int ci) {
    const size_t i1 = std::min(n, (size_t)ci * chunk + chunk);
    for (size_t i = (size_t)ci * chunk; i < i1; i++) {
      const float gi = g[i];
      const float mi = b1 * m[i] + (1 - b1) * gi, vi = b2 * v[i] + (1 - b2) * gi * gi;
      m[i] = mi; v[i] = vi;
      const float update = (mi * c1) / (std::sqrt(vi * c2) + eps) + (mask[i] ? wd * p[i] : 0.0f);
      p[i] -= lr * update;
    }
  };
  if (parallel && chunks > 1) pool->run(chunks, part);
  else for (int ci = 0; ci < chunks; ci++) part(ci);
}

// Σ x², in float per fixed chunk and double across chunks in order: the same bits on any thread count.
double sumSquares(const float* x, size_t n, bool parallel) {
  const size_t chunk = 1 << 16;
  const int chunks = (int)((n + chunk - 1) / chunk);
  std::vector<double> part(chunks);
  auto run = [=, &part](int ci) {
    const size_t i0 = (size_t)ci * chunk, i1 = std::min(n, i0 + chunk);
    __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
    size_t i = i0;
    for (; i + 16 <= i1; i += 16) {
      const __m256 x0 = _mm256_loadu_ps(x + i), x1 = _mm256_loadu_ps(x + i + 8);
      a0 = _mm256_fmadd_ps(x0, x0, a0); a1 = _mm256_fmadd_ps(x1, x1, a1);
    }
    double s = hsum8(_mm256_add_ps(a0, a1));
    for (; i < i1; i++) s += (double)x[i] * x[i];
    part[ci] = s;
  };
  if (parallel && chunks > 1) pool->run(chunks, run);
  else for (int ci = 0; ci < chunks; ci++) run(ci);
  double total = 0;
  for (double v : part) total += v;
  return total;
}

// RMSNorm rows, as src/model/kernels/ops.ts.
void rmsnormForward(float* __restrict y, float* __restrict rstd, const float* __restrict x, const float* __restrict w, int rows, int n, float eps) {
  for (int r = 0; r < rows; r++) {
    const float* xr = x + (size_t)r * n;
    float* yr = y + (size_t)r * n;
    float ss = 0;
    for (int i = 0; i < n; i++) ss += xr[i] * xr[i];
    const float sc = 1.0f / std::sqrt(ss / n + eps);
    rstd[r] = sc;
    for (int i = 0; i < n; i++) yr[i] = xr[i] * sc * w[i];
  }
}

void rmsnormBackwardAdd(float* __restrict dx, float* __restrict dw, const float* __restrict dy, const float* __restrict x, const float* __restrict w,
                        const float* __restrict rstd, int rows, int n) {
  for (int r = 0; r < rows; r++) {
    const float* xr = x + (size_t)r * n;
    const float* dyr = dy + (size_t)r * n;
    float* dxr = dx + (size_t)r * n;
    const float sc = rstd[r];
    float dot = 0;
    for (int i = 0; i < n; i++) {
      dot += dyr[i] * w[i] * xr[i];
      dw[i] += dyr[i] * xr[i] * sc;
    }
    const float c = (sc * sc * sc * dot) / n;
    for (int i = 0; i < n; i++) dxr[i] += sc * w[i] * dyr[i] - c * xr[i];
  }
}


// Decoding attention against a KV cache, as the loop in src/model/kv-cache.ts: query row i
// (at position p0 + i) attends to cached rows 0..p0+i; K, V, q, y are [rows, H·D].
void attnDecode(float* y, const float* q, const float* K, const float* V, int n, int p0, int H, int D) {
  const int C = H * D;
  const float scale = 1.0f / std::sqrt((float)D);
  static thread_local std::vector<float> sc;
  sc.resize((size_t)p0 + n);
  for (int i = 0; i < n; i++) {
    const int last = p0 + i;
    for (int h = 0; h < H; h++) {
      const float* __restrict qh = q + (size_t)i * C + (size_t)h * D;
      for (int j = 0; j <= last; j++) {
        const float* __restrict kr = K + (size_t)j * C + (size_t)h * D;
        float s = 0;
        for (int e = 0; e < D; e++) s += qh[e] * kr[e];
        sc[j] = s * scale;
      }
      const float m = rowMax(sc.data(), last + 1), inv = 1.0f / expRow(sc.data(), sc.data(), last + 1, m);
      float* __restrict yh = y + (size_t)i * C + (size_t)h * D;
      for (int e = 0; e < D; e++) yh[e] = 0;
      for (int j = 0; j <= last; j++) {
        const float w = sc[j] * inv;
        const float* __restrict vr = V + (size_t)j * C + (size_t)h * D;
        for (int e = 0; e < D; e++) yh[e] += w * vr[e];
      }
    }
  }
}

struct AttnShape { int B, T, H, D; };

// Causal attention over packed rows for one (row b, head h), as src/model/kernels/attention.ts:
// token t attends to start[b·T+t]..t. P is [B,H,T,T] with exact zeros outside the window. The
// products run on the blocked matmul over the whole T×T block, reading the head's columns of
// q, k, v in place: twice the causal half's arithmetic, at several times the speed of loops
// over the triangle.
void attnForwardHead(float* y, float* P, const float* q, const float* k, const float* v, const int32_t* start, AttnShape s, int b, int h) {
  const int T = s.T, D = s.D, C = s.H * s.D;
  const float scale = 1.0f / std::sqrt((float)D);
  const size_t off = (size_t)b * T * C + (size_t)h * D;
  float* pb = P + ((size_t)b * s.H + h) * T * T;
  gemmPart(pb, Layout{q + off, true, k + off, false, T, D, T, C, C, T}, false, 0, T, 0, T);  // scores q·kᵀ
  for (int t = 0; t < T; t++) {
    const int j0 = start[b * T + t], n = t + 1 - j0;
    float* pr = pb + (size_t)t * T;
    float* __restrict sc = pr + j0;
    for (int j = 0; j < n; j++) sc[j] *= scale;
    const float m = rowMax(sc, n), inv = 1.0f / expRow(sc, sc, n, m);
    for (int j = 0; j < n; j++) sc[j] *= inv;
    std::memset(pr, 0, sizeof(float) * j0);
    std::memset(pr + t + 1, 0, sizeof(float) * (T - t - 1));
  }
  gemmPart(y + off, Layout{pb, true, v + off, true, T, T, D, T, C, C}, false, 0, T, 0, D);  // y = P·v
}

void attnBackwardHead(float* dq, float* dk, float* dv, const float* dy, const float* P, const float* q, const float* k, const float* v, const int32_t* start, AttnShape s, int b, int h) {
  const int T = s.T, D = s.D, C = s.H * s.D;
  const float scale = 1.0f / std::sqrt((float)D);
  const size_t off = (size_t)b * T * C + (size_t)h * D;
  const float* pb = P + ((size_t)b * s.H + h) * T * T;
  static thread_local std::vector<float> buf;
  buf.resize((size_t)T * T);
  float* ds = buf.data();
  gemmPart(dv + off, Layout{pb, false, dy + off, true, T, T, D, T, C, C}, false, 0, T, 0, D);  // dv = Pᵀ·dy
  gemmPart(ds, Layout{dy + off, true, v + off, false, T, D, T, C, C, T}, false, 0, T, 0, T);   // dP = dy·vᵀ
  for (int t = 0; t < T; t++) {
    const int j0 = start[b * T + t], n = t + 1 - j0;
    const float* __restrict pr = pb + (size_t)t * T + j0;
    float* __restrict dr = ds + (size_t)t * T;
    float acc = 0;
    for (int j = 0; j < n; j++) acc += pr[j] * dr[j0 + j];
    for (int j = 0; j < n; j++) dr[j0 + j] = pr[j] * (dr[j0 + j] - acc) * scale;
    std::memset(dr, 0, sizeof(float) * j0);
    std::memset(dr + t + 1, 0, sizeof(float) * (T - t - 1));
  }
  gemmPart(dq + off, Layout{ds, true, k + off, true, T, T, D, T, C, C}, false, 0, T, 0, D);   // dq = dS·k
  gemmPart(dk + off, Layout{ds, false, q + off, true, T, T, D, T, C, C}, false, 0, T, 0, D);  // dk = dSᵀ·q
}

// ---- N-API glue --------------------------------------------------------------------------

bool floatArray(napi_env env, napi_value v, float** data, size_t* len) {
  bool is = false;
  napi_is_typedarray(env, v, &is);
  if (!is) return false;
  napi_typedarray_type type;
  void* ptr;
  napi_value buf;
  size_t off;
  napi_get_typedarray_info(env, v, &type, len, &ptr, &buf, &off);
  if (type != napi_float32_array) return false;
  *data = static_cast<float*>(ptr);
  return true;
}

int32_t intArg(napi_env env, napi_value v) {
  int32_t x = -1;
  napi_get_value_int32(env, v, &x);
  return x;
}

bool boolArg(napi_env env, napi_value v) {
  bool x = false;
  napi_get_value_bool(env, v, &x);
  return x;
}

// Runs under the pool when asked and free; another JS thread holding it means this one computes alone.
struct ParallelGuard {
  std::unique_lock<std::mutex> lock;
  bool on;
  explicit ParallelGuard(bool want) : lock(pool->busy, std::defer_lock), on(want && pool->size() > 1 && lock.try_lock()) {}
};

// gemm(c, a, aRows, b, bKn, M, K, N, accumulate, threads): threads = false keeps it on the caller's thread.
napi_value Gemm(napi_env env, napi_callback_info info) {
  size_t argc = 10;
  napi_value argv[10];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc != 10) { napi_throw_type_error(env, nullptr, "gemm takes 10 arguments"); return nullptr; }
  float *c, *a, *b;
  size_t cl, al, bl;
  if (!floatArray(env, argv[0], &c, &cl) || !floatArray(env, argv[1], &a, &al) || !floatArray(env, argv[3], &b, &bl)) {
    napi_throw_type_error(env, nullptr, "gemm operands must be Float32Arrays");
    return nullptr;
  }
  const Layout L = Layout::dense(a, boolArg(env, argv[2]), b, boolArg(env, argv[4]), intArg(env, argv[5]), intArg(env, argv[6]), intArg(env, argv[7]));
  const bool acc = boolArg(env, argv[8]);
  if (L.M < 0 || L.K < 0 || L.N < 0 || (size_t)L.M * L.N > cl || (size_t)L.M * L.K > al || (size_t)L.K * L.N > bl) {
    napi_throw_range_error(env, nullptr, "gemm: sizes exceed the arrays");
    return nullptr;
  }
  if (L.M == 0 || L.N == 0) return nullptr;
  const double macs = (double)L.M * L.K * L.N;
  const bool wantPar = boolArg(env, argv[9]) && macs >= (1 << 20);
  ParallelGuard g(wantPar);
  const bool par = g.on;
  if (L.M < 4 && L.aRows && !L.bKn) gemvRows(c, a, b, L.M, L.K, L.N, acc, par && (double)L.N * L.K >= (1 << 17));
  else gemm(c, L, acc, par);
  return nullptr;
}


// Typed-array arguments with their lengths checked: a wrong size throws instead of reading past the end.
template <typename T>
T* arrayArg(napi_env env, napi_value v, napi_typedarray_type want, size_t minLen, const char* what, bool nullable = false) {
  napi_valuetype vt;
  napi_typeof(env, v, &vt);
  if (nullable && (vt == napi_null || vt == napi_undefined)) return nullptr;
  bool is = false;
  napi_is_typedarray(env, v, &is);
  napi_typedarray_type type = napi_int8_array;
  size_t len = 0;
  void* ptr = nullptr;
  if (is) {
    napi_value buf;
    size_t off;
    napi_get_typedarray_info(env, v, &type, &len, &ptr, &buf, &off);
  }
  if (!is || type != want) { napi_throw_type_error(env, nullptr, what); return nullptr; }
  if (len < minLen) { napi_throw_range_error(env, nullptr, what); return nullptr; }
  return static_cast<T*>(ptr);
}

bool pending(napi_env env) {
  bool p = false;
  napi_is_exception_pending(env, &p);
  return p;
}

// crossEntropy(logits, targets, rows, V, dlogits | null, inv, threads) → Σ (lse − logit[target])
napi_value CrossEntropy(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value argv[7];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc != 7) { napi_throw_type_error(env, nullptr, "crossEntropy takes 7 arguments"); return nullptr; }
  const int rows = intArg(env, argv[2]), V = intArg(env, argv[3]);
  if (rows < 0 || V <= 0) { napi_throw_range_error(env, nullptr, "crossEntropy: bad sizes"); return nullptr; }
  const size_t n = (size_t)rows * V;
  float* logits = arrayArg<float>(env, argv[0], napi_float32_array, n, "crossEntropy: logits");
  int32_t* targets = pending(env) ? nullptr : arrayArg<int32_t>(env, argv[1], napi_int32_array, rows, "crossEntropy: targets");
  float* dl = pending(env) ? nullptr : arrayArg<float>(env, argv[4], napi_float32_array, n, "crossEntropy: dlogits", true);
  if (pending(env)) return nullptr;
  for (int r = 0; r < rows; r++) if (targets[r] >= V) { napi_throw_range_error(env, nullptr, "crossEntropy: target out of range"); return nullptr; }
  double inv = 0;
  napi_get_value_double(env, argv[5], &inv);
  ParallelGuard g(boolArg(env, argv[6]) && n >= (1 << 16));
  napi_value out;
  napi_create_double(env, crossEntropy(logits, targets, rows, V, dl, (float)inv, g.on), &out);
  return out;
}

// swigluForward(h, g, u, n, threads) / swigluBackward(dg, du, dh, g, u, n, threads)
napi_value Swiglu(napi_env env, napi_callback_info info, bool backward) {
  const size_t want = backward ? 7 : 5;
  size_t argc = 7;
  napi_value argv[7];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc != want) { napi_throw_type_error(env, nullptr, "swiglu: wrong argument count"); return nullptr; }
  const int n = intArg(env, argv[want - 2]);
  if (n < 0) { napi_throw_range_error(env, nullptr, "swiglu: bad size"); return nullptr; }
  float* a[5] = {nullptr, nullptr, nullptr, nullptr, nullptr};
  for (size_t i = 0; i + 2 < want && !pending(env); i++) a[i] = arrayArg<float>(env, argv[i], napi_float32_array, n, "swiglu: operands must be Float32Arrays of n elements");
  if (pending(env)) return nullptr;
  ParallelGuard g(boolArg(env, argv[want - 1]) && n >= (1 << 16));
  if (backward) swiglu(nullptr, a[0], a[1], a[2], a[3], a[4], n, true, g.on);
  else swiglu(a[0], nullptr, nullptr, nullptr, a[1], a[2], n, false, g.on);
  return nullptr;
}
napi_value SwigluForward(napi_env env, napi_callback_info info) { return Swiglu(env, info, false); }
napi_value SwigluBackward(napi_env env, napi_callback_info info) { return Swiglu(env, info, true); }

// attnForward(y, P, q, k, v, start, B, T, H, D, threads)
// attnBackward(dq, dk, dv, dy, P, q, k, v, start, B, T, H, D, threads)
napi_value Attn(napi_env env, napi_callback_info info, bool backward) {
  const size_t nArr = backward ? 9 : 6, want = nArr + 5;
  size_t argc = 14;
  napi_value argv[14];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc != want) { napi_throw_type_error(env, nullptr, "attention: wrong argument count"); return nullptr; }
  AttnShape s{intArg(env, argv[nArr]), intArg(env, argv[nArr + 1]), intArg(env, argv[nArr + 2]), intArg(env, argv[nArr + 3])};
  if (s.B < 0 || s.T <= 0 || s.H <= 0 || s.D <= 0) { napi_throw_range_error(env, nullptr, "attention: bad shape"); return nullptr; }
  const size_t x = (size_t)s.B * s.T * s.H * s.D, pl = (size_t)s.B * s.H * s.T * s.T;
  const int pIdx = backward ? 4 : 1;
  float* f[8];
  int nf = 0;
  for (size_t i = 0; i + 1 < nArr && !pending(env); i++) f[nf++] = arrayArg<float>(env, argv[i], napi_float32_array, (int)i == pIdx ? pl : x, "attention: operands must be Float32Arrays of the shape's size");
  int32_t* start = pending(env) ? nullptr : arrayArg<int32_t>(env, argv[nArr - 1], napi_int32_array, (size_t)s.B * s.T, "attention: start must be an Int32Array of B·T");
  if (pending(env)) return nullptr;
  for (int b = 0; b < s.B; b++) for (int t = 0; t < s.T; t++) {
    const int j0 = start[b * s.T + t];
    if (j0 < 0 || j0 > t) { napi_throw_range_error(env, nullptr, "attention: start must satisfy 0 ≤ start ≤ t"); return nullptr; }
  }
  ParallelGuard g(boolArg(env, argv[nArr + 4]) && s.B * s.H > 1 && (double)s.B * s.H * s.T * s.T * s.D >= (1 << 20));
  auto head = [=](int i) {
    const int b = i / s.H, h = i % s.H;
    if (backward) attnBackwardHead(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], start, s, b, h);
    else attnForwardHead(f[0], f[1], f[2], f[3], f[4], start, s, b, h);
  };
  if (g.on) pool->run(s.B * s.H, head);
  else for (int i = 0; i < s.B * s.H; i++) head(i);
  return nullptr;
}
napi_value AttnForward(napi_env env, napi_callback_info info) { return Attn(env, info, false); }
napi_value AttnBackward(napi_env env, napi_callback_info info) { return Attn(env, info, true); }


double numArg(napi_env env, napi_value v) {
  double x = 0;
  napi_get_value_double(env, v, &x);
  return x;
}

// adamw(params, grads, m, v, decayMask, lr, beta1, beta2, eps, weightDecay, c1, c2, threads)
napi_value AdamW(napi_env env, napi_callback_info info) {
  size_t argc = 13;
  napi_value argv[13];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc != 13) { napi_throw_type_error(env, nullptr, "adamw takes 13 arguments"); return nullptr; }
  size_t n = 0;
  float* p;
  if (!floatArray(env, argv[0], &p, &n)) { napi_throw_type_error(env, nullptr, "adamw: params must be a Float32Array"); return nullptr; }
  float* g = arrayArg<float>(env, argv[1], napi_float32_array, n, "adamw: grads");
  float* m = pending(env) ? nullptr : arrayArg<float>(env, argv[2], napi_float32_array, n, "adamw: m");
  float* v = pending(env) ? nullptr : arrayArg<float>(env, argv[3], napi_float32_array, n, "adamw: v");
  uint8_t* mask = pending(env) ? nullptr : arrayArg<uint8_t>(env, argv[4], napi_uint8_array, n, "adamw: decay mask");
  if (pending(env)) return nullptr;
  ParallelGuard guard(boolArg(env, argv[12]) && n >= (1 << 17));
  adamw(p, g, m, v, mask, n, (float)numArg(env, argv[5]), (float)numArg(env, argv[6]), (float)numArg(env, argv[7]), (float)numArg(env, argv[8]),
        (float)numArg(env, argv[9]), (float)numArg(env, argv[10]), (float)numArg(env, argv[11]), guard.on);
  return nullptr;
}

// sumSquares(x, threads) → Σ x²
napi_value SumSquares(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  size_t n = 0;
  float* x;
  if (argc != 2 || !floatArray(env, argv[0], &x, &n)) { napi_throw_type_error(env, nullptr, "sumSquares(Float32Array, threads)"); return nullptr; }
  ParallelGuard guard(boolArg(env, argv[1]) && n >= (1 << 17));
  napi_value out;
  napi_create_double(env, sumSquares(x, n, guard.on), &out);
  return out;
}

// rmsnormForward(y, rstd, x, w, rows, n, eps) / rmsnormBackwardAdd(dx, dw, dy, x, w, rstd, rows, n)
napi_value Rmsnorm(napi_env env, napi_callback_info info, bool backward) {
  const size_t want = backward ? 8 : 7;
  size_t argc = 8;
  napi_value argv[8];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc != want) { napi_throw_type_error(env, nullptr, "rmsnorm: wrong argument count"); return nullptr; }
  const int rows = intArg(env, argv[backward ? 6 : 4]), n = intArg(env, argv[backward ? 7 : 5]);
  if (rows < 0 || n <= 0) { napi_throw_range_error(env, nullptr, "rmsnorm: bad sizes"); return nullptr; }
  const size_t big = (size_t)rows * n;
  // forward: y[big] rstd[rows] x[big] w[n]; backward: dx[big] dw[n] dy[big] x[big] w[n] rstd[rows]
  const size_t fwd[4] = {big, (size_t)rows, big, (size_t)n}, bwd[6] = {big, (size_t)n, big, big, (size_t)n, (size_t)rows};
  float* a[6];
  for (size_t i = 0; i < (backward ? 6u : 4u) && !pending(env); i++) a[i] = arrayArg<float>(env, argv[i], napi_float32_array, backward ? bwd[i] : fwd[i], "rmsnorm: operands must be Float32Arrays of their shapes");
  if (pending(env)) return nullptr;
  if (backward) rmsnormBackwardAdd(a[0], a[1], a[2], a[3], a[4], a[5], rows, n);
  else rmsnormForward(a[0], a[1], a[2], a[3], rows, n, (float)numArg(env, argv[6]));
  return nullptr;
}
napi_value RmsnormForward(napi_env env, napi_callback_info info) { return Rmsnorm(env, info, false); }
napi_value RmsnormBackwardAdd(napi_env env, napi_callback_info info) { return Rmsnorm(env, info, true); }


// attnDecode(y, q, K, V, n, p0, H, D)
napi_value AttnDecode(napi_env env, napi_callback_info info) {
  size_t argc = 8;
  napi_value argv[8];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc != 8) { napi_throw_type_error(env, nullptr, "attnDecode takes 8 arguments"); return nullptr; }
  const int n = intArg(env, argv[4]), p0 = intArg(env, argv[5]), H = intArg(env, argv[6]), D = intArg(env, argv[7]);
  if (n < 0 || p0 < 0 || H <= 0 || D <= 0) { napi_throw_range_error(env, nullptr, "attnDecode: bad sizes"); return nullptr; }
  const size_t rows = (size_t)n * H * D, cache = (size_t)(p0 + n) * H * D;
  float* y = arrayArg<float>(env, argv[0], napi_float32_array, rows, "attnDecode: y");
  float* q = pending(env) ? nullptr : arrayArg<float>(env, argv[1], napi_float32_array, rows, "attnDecode: q");
  float* K = pending(env) ? nullptr : arrayArg<float>(env, argv[2], napi_float32_array, cache, "attnDecode: K must hold p0 + n rows");
  float* V = pending(env) ? nullptr : arrayArg<float>(env, argv[3], napi_float32_array, cache, "attnDecode: V must hold p0 + n rows");
  if (pending(env)) return nullptr;
  attnDecode(y, q, K, V, n, p0, H, D);
  return nullptr;
}

napi_value Threads(napi_env env, napi_callback_info) {
  napi_value r;
  napi_create_int32(env, poolThreads, &r);
  return r;
}

}  // namespace

NAPI_MODULE_INIT() {
  static std::once_flag once;
  std::call_once(once, [] {
    const char* env = std::getenv("SATPREP_MODEL_THREADS");
    int total = env ? std::atoi(env) : 0;
    if (total < 1) total = (int)std::max(1u, std::thread::hardware_concurrency());
    total = std::min(total, 8);
    poolThreads = total;
    pool = new Pool(total - 1);  // lives for the process: joining at unload would race a worker thread's exit
  });
  napi_property_descriptor props[] = {
      {"gemm", nullptr, Gemm, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"threads", nullptr, Threads, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"crossEntropy", nullptr, CrossEntropy, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"swigluForward", nullptr, SwigluForward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"swigluBackward", nullptr, SwigluBackward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"attnForward", nullptr, AttnForward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"attnBackward", nullptr, AttnBackward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"attnDecode", nullptr, AttnDecode, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"adamw", nullptr, AdamW, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"sumSquares", nullptr, SumSquares, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"rmsnormForward", nullptr, RmsnormForward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"rmsnormBackwardAdd", nullptr, RmsnormBackwardAdd, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}
