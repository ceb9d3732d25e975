"""Mean-field theory of the Brunel (2000) network: its rate, and where its states change.

N. Brunel (2000), J. Comput. Neurosci. 8:183-208, model A: C_E excitatory inputs of
jump J and C_I = gamma C_E inhibitory inputs of jump -g J from neurons firing at nu,
after a delay D, plus C_E external inputs at nu_ext. In the diffusion approximation
each neuron sees a drive of mean and amplitude (eqs. 4-5 of the paper)::

    mu      = C_E J tau (nu_ext + (1 - gamma g) nu)
    sigma^2 = C_E J^2 tau (nu_ext + (1 + gamma g^2) nu)

and fires at the Siegert rate (eq. 21)::

    1/nu = tau_rp + tau sqrt(pi) ∫_{(V_r - mu)/sigma}^{(theta - mu)/sigma} e^{u^2} (1 + erf u) du

The asynchronous state is the self-consistent nu_0 = phi(mu(nu_0), sigma(nu_0))
(:func:`stationary_rate`).

**Stability.** A small modulation r_1 e^{lambda t} of the rate modulates mu and sigma^2 a
delay D later; the neurons answer with r_1' = A_mu(lambda) mu_1 + A_s(lambda) s_1, where
A_mu and A_s are the LIF's linear responses to a modulated mean and variance. The
asynchronous state is unstable when the loop gain::

    G(lambda) = e^{-lambda D} [C_E J tau (1 - gamma g) A_mu(lambda)
                               + C_E J^2 tau (1 + gamma g^2) A_s(lambda)]

reaches 1 at some lambda = i omega (a Hopf bifurcation; Brunel 2000, sect. 4 and
appendix). Brunel writes A_mu, A_s with confluent hypergeometric functions; here they
are computed by *threshold integration* (M. J. E. Richardson 2007, Phys. Rev. E
76:021919): the Fokker-Planck equation for the membrane-potential density P and flux J,

    dP/dV = (2/sigma^2) [(mu - V) P - tau J],   dJ/dV = -lambda P + (reset source at V_r)

is integrated from threshold (P = 0, J = rate) down to far below the reset, once for the
steady state and once per perturbation; the response is the ratio of the fluxes left at
the bottom. Checked against the Siegert rate and its derivatives (tests). The loop gain
is scanned along lambda = 2 pi i f; where its curve crosses the real axis to the right of 1
the state is unstable (Nyquist), and the frequency f of that crossing is the frequency
of the oscillation that grows: ~20-50 Hz (slow, set by tau), ~150-200 Hz (fast, set by
D), ~1/D (the synchronous regular state near saturation).

Plain numbers in and out: voltages in mV, times in s, rates in Hz.
"""

from __future__ import annotations

import numpy as np
from scipy.integrate import quad
from scipy.optimize import brentq
from scipy.special import erfcx

#: Brunel (2000) model A, Fig. 8: tau (s), theta, V_r, J (mV), tau_rp, D (s), C_E, gamma.
DEFAULTS = {
    "tau": 0.020,
    "theta": 20.0,
    "V_r": 10.0,
    "t_ref": 0.002,
    "J": 0.1,
    "D": 0.0015,
    "c_e": 1000,
    "gamma": 0.25,
}

#: Frequency bands (Hz) of the instabilities: slow (SI slow), fast (SI fast), and the
#: one near 1/D that destabilises the high-rate state of g < 4 (SR).
BANDS = {"slow": (0.0, 80.0), "fast": (80.0, 500.0), "regular": (500.0, 1000.0)}


def _p(params):
    unknown = sorted(set(params) - set(DEFAULTS))
    if unknown:
        raise TypeError(f"unknown parameter(s) {', '.join(unknown)}; known: {', '.join(DEFAULTS)}")
    return {**DEFAULTS, **params}


def threshold_rate(**params):
    """nu_thr = theta / (J C_E tau), Hz: the external rate that alone brings the mean
    potential to threshold (10 Hz with the defaults)."""
    p = _p(params)
    return p["theta"] / (p["J"] * p["c_e"] * p["tau"])


def input_statistics(nu, g, eta, **params):
    """(mu, sigma) in mV of the drive of a neuron when the network fires at ``nu`` Hz and
    the external rate is ``eta`` nu_thr::

        mu = C_E J tau (nu_ext + (1 - gamma g) nu)
        sigma = J sqrt(C_E tau (nu_ext + (1 + gamma g^2) nu))
    """
    p = _p(params)
    nu_ext = eta * threshold_rate(**params)
    c, j, tau, gam = p["c_e"], p["J"], p["tau"], p["gamma"]
    mu = c * j * tau * (nu_ext + (1 - gam * g) * nu)
    sigma = j * np.sqrt(c * tau * (nu_ext + (1 + gam * g * g) * nu))
    return mu, sigma


def siegert_rate(mu, sigma, **params):
    """Rate (Hz) of a LIF neuron driven by white noise of mean ``mu`` and amplitude
    ``sigma`` (mV)::

        1/nu = t_ref + tau sqrt(pi) ∫_{(V_r - mu)/sigma}^{(theta - mu)/sigma} erfcx(-u) du

    (e^{u^2}(1 + erf u) = erfcx(-u), finite for large negative u).
    """
    p = _p(params)
    lower, upper = (p["V_r"] - mu) / sigma, (p["theta"] - mu) / sigma
    if upper > 25.0:  # the integral exceeds 1e270: silent to machine precision
        return 0.0
    integral = quad(lambda u: erfcx(-u), lower, upper, limit=200)[0]
    return 1.0 / (p["t_ref"] + p["tau"] * np.sqrt(np.pi) * integral)


def stationary_rate(g, eta, **params):
    """The asynchronous state's rate nu_0 (Hz): the root of phi(mu(nu), sigma(nu)) = nu in
    (0, 1/t_ref) (Brunel 2000, eqs. 21-22)."""
    p = _p(params)

    def excess(nu):
        return siegert_rate(*input_statistics(nu, g, eta, **params), **params) - nu

    top = 1.0 / p["t_ref"] * (1 - 1e-9)
    if excess(1e-9) <= 0:
        return 0.0
    return brentq(excess, 1e-9, top, xtol=1e-9)


def rate_response(mu, sigma, frequencies, *, steps=1500, **params):
    """Linear responses of the LIF rate to modulations of the drive, by threshold integration.

    For mu(t) = mu + mu_1 e^{lambda t} and sigma^2(t) = sigma^2 + s_1 e^{lambda t}, with
    lambda = 2 pi i f, the rate is nu_0 + (A_mu mu_1 + A_s s_1) e^{lambda t}.

    Parameters
    ----------
    mu, sigma : float or array (mV)
        Mean and amplitude of the drive, one per operating point (shape (P,)).
    frequencies : array (Hz), shape (F,)
    steps : int
        Voltage steps from threshold to ``min(V_r, mu) - 8 sigma``.

    Returns
    -------
    (nu_0, A_mu, A_s): rates (P,), Hz; responses (P, F) in Hz/mV and Hz/mV^2.
    """
    p = _p(params)
    tau, t_ref, theta, v_r = p["tau"], p["t_ref"], p["theta"], p["V_r"]
    mu = np.atleast_1d(np.asarray(mu, float))[:, None]
    sig2 = np.atleast_1d(np.asarray(sigma, float))[:, None] ** 2
    lam = 2j * np.pi * np.atleast_1d(np.asarray(frequencies, float))[None, :]
    # the reset falls on a grid point: (theta - V_r) is a whole number of steps
    bottom = np.minimum(v_r, mu) - 8 * np.sqrt(sig2)
    above = np.maximum(np.round(steps * (theta - v_r) / (theta - bottom)), 1)
    h = (theta - v_r) / above
    total = int(np.max(np.ceil((theta - bottom) / h)))
    shape = (mu.shape[0], lam.shape[1])
    p0, j0, area = np.zeros_like(mu), np.ones_like(mu), np.zeros_like(mu)
    p_r, j_r = np.zeros(shape, complex), np.ones(shape, complex)
    p_m, j_m = np.zeros(shape, complex), np.zeros(shape, complex)
    p_s, j_s = np.zeros(shape, complex), np.zeros(shape, complex)
    source = np.exp(-lam * t_ref)
    a = 2 * tau / sig2
    for k in range(total):
        v = theta - k * h
        g = 2 * (mu - (v - h / 2)) / sig2  # dP/dV = g P + S, integrated exactly per step
        x = -h * g
        decay = np.exp(x)
        small = np.abs(x) < 1e-12
        gain = np.where(small, -h, np.expm1(x) / np.where(small, 1.0, g))
        s0 = -a * j0
        p0_next = p0 * decay + s0 * gain
        p0_mid = 0.5 * (p0 + p0_next)
        dp0 = g * p0_mid + s0
        p_r_next = p_r * decay - a * j_r * gain
        p_m_next = p_m * decay + (-a * j_m + 2 * p0_mid / sig2) * gain
        p_s_next = p_s * decay + (-a * j_s - dp0 / sig2) * gain
        j_r = j_r + h * lam * 0.5 * (p_r + p_r_next)
        j_m = j_m + h * lam * 0.5 * (p_m + p_m_next)
        j_s = j_s + h * lam * 0.5 * (p_s + p_s_next)
        area = area + h * p0_mid
        reset = above == k + 1  # the step that ends at V_r: refractory neurons re-enter
        j_r = j_r - reset * source
        j0 = np.where(reset, 0.0, j0)
        p0, p_r, p_m, p_s = p0_next, p_r_next, p_m_next, p_s_next
    nu0 = 1.0 / (area + t_ref)
    return nu0[:, 0], -nu0 * j_m / j_r, -nu0 * j_s / j_r


def loop_gain(g, eta, frequencies, *, steps=1500, **params):
    """G(2 pi i f) of the asynchronous state at each (g, eta) (arrays of one shape (P,)).

    Returns (nu_0 (P,), G (P, F)).
    """
    p = _p(params)
    g, eta = np.atleast_1d(np.asarray(g, float)), np.atleast_1d(np.asarray(eta, float))
    nu0 = np.array([stationary_rate(gi, ei, **params) for gi, ei in zip(g, eta, strict=True)])
    mu, sigma = input_statistics(nu0, g, eta, **params)
    _, a_mu, a_s = rate_response(mu, sigma, frequencies, steps=steps, **params)
    lam = 2j * np.pi * np.asarray(frequencies, float)[None, :]
    c, j, tau, gam = p["c_e"], p["J"], p["tau"], p["gamma"]
    gain = np.exp(-lam * p["D"]) * (
        c * j * tau * (1 - gam * g[:, None]) * a_mu
        + c * j * j * tau * (1 + gam * g[:, None] ** 2) * a_s
    )
    return nu0, gain


def crossings(frequencies, gain):
    """Where each row of ``gain`` crosses the real axis: a list (one per row) of
    (frequency, Re G) pairs, linearly interpolated between the sampled frequencies."""
    f = np.asarray(frequencies, float)
    out = []
    for row in np.atleast_2d(gain):
        im = row.imag
        k = np.flatnonzero(np.sign(im[:-1]) * np.sign(im[1:]) < 0)
        w = im[k] / (im[k] - im[k + 1])
        out.append(
            list(
                zip(
                    f[k] + w * (f[k + 1] - f[k]),
                    row.real[k] + w * (row.real[k + 1] - row.real[k]),
                    strict=True,
                )
            )
        )
    return out


def instability(g, eta, *, frequencies=None, steps=1500, **params):
    """How unstable the asynchronous state is, per frequency band (:data:`BANDS`).

    Returns a dict band -> array (P,) of the largest Re G where the loop gain crosses the
    real axis in that band (0 if it never does): above 1, the asynchronous state is
    unstable to an oscillation in that band. The lines where it equals 1 are Brunel's
    Hopf bifurcation lines.
    """
    if frequencies is None:
        frequencies = np.arange(2.0, 1000.0, 4.0)
    _, gain = loop_gain(g, eta, frequencies, steps=steps, **params)
    out = {band: np.zeros(gain.shape[0]) for band in BANDS}
    for k, row in enumerate(crossings(frequencies, gain)):
        for f, re in row:
            for band, (lo, hi) in BANDS.items():
                if lo <= f < hi:
                    out[band][k] = max(out[band][k], re)
    return out


__all__ = [
    "BANDS",
    "DEFAULTS",
    "crossings",
    "input_statistics",
    "instability",
    "loop_gain",
    "rate_response",
    "siegert_rate",
    "stationary_rate",
    "threshold_rate",
]
