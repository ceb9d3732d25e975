"""The noisy leaky integrate-and-fire neuron: the Siegert closed form for its firing rate.

A LIF neuron whose input has a mean and white-noise fluctuations (Brunel 2000's
convention, with sigma the noise amplitude)::

    tau_m dv/dt = mu - v + sigma sqrt(tau_m) xi(t),      mu = E_L + R I

(xi is unit white noise; the free membrane potential then fluctuates around mu with
standard deviation sigma / sqrt(2)). Its mean firing rate is the first-passage result
of Siegert (1951), in the form of Brunel & Hakim (1999), Brunel (2000, eq. 21) and
Fourcaud & Brunel (2002)::

    1/f = t_ref + tau_m sqrt(pi) ∫_{(V_reset - mu)/sigma}^{(V_th - mu)/sigma} e^{u²}(1 + erf u) du

The integrand e^{u²}(1 + erf u) is ``scipy.special.erfcx(-u)``, which stays finite for
large negative u (strong drive), where the formula turns into the noiseless LIF rate.
Noise rounds the LIF's sharp corner at rheobase: the neuron fires, rarely, below it.
That rounded curve is what the softplus activation looks like.

References: A. J. F. Siegert (1951), Phys. Rev. 81:617; N. Brunel & V. Hakim (1999),
Neural Comput. 11:1621; N. Brunel (2000), J. Comput. Neurosci. 8:183; N. Fourcaud &
N. Brunel (2002), Neural Comput. 14:2057.
"""

from __future__ import annotations

import brian2 as b2
import numpy as np
from brian2 import Hz, mV, second
from scipy.integrate import quad
from scipy.special import erfcx

from bioneuro.checks import check_budget, check_number, check_quantity, check_steps
from bioneuro.curves import ResponseCurve

# Above this (V_th - mu)/sigma the integral exceeds 1e300: the rate is 0 to machine precision.
_SILENT = 25.0


def _check_model(model):
    from bioneuro.bio import LIF

    if not isinstance(model, LIF):
        raise TypeError(f"model must be a bioneuro.bio.LIF, e.g. bio.LIF(); got {model!r}")


def _as_currents(current, model, name="current"):
    check_quantity(name, current, b2.amp, example="[0.1, 0.2]*nA", allow_array=True)
    amps = np.atleast_1d(np.asarray(current / b2.amp, dtype=float))
    if amps.size == 0 or amps.ndim != 1:
        raise ValueError(f"{name} must be one current or a 1-D array of them; got {current}")
    check_budget(name, current, steps=amps.size * 100.0, what=f"{amps.size} integrals")
    return amps


def siegert_rate(model, current, sigma):
    """Mean firing rate of a LIF neuron with white-noise input (Siegert formula).

    Parameters
    ----------
    model : bioneuro.bio.LIF
        tau_m, R, E_L, V_th, V_reset, t_ref are read from it.
    current : Quantity (scalar or array), a current
        The mean input I; mu = E_L + R I.
    sigma : Quantity, a voltage > 0
        Noise amplitude in Brunel's convention (membrane std sigma / sqrt(2)).

    Returns
    -------
    Quantity in Hz, the shape of ``current`` (1-D for a scalar).
    """
    _check_model(model)
    amps = _as_currents(current, model)
    check_quantity("sigma", sigma, mV, example="2*mV", positive=True)
    p = model.parameters()
    tau, t_ref = float(p["tau_m"] / second), float(p["t_ref"] / second)
    mu = float(p["E_L"] / b2.volt) + float(p["R"] / b2.ohm) * amps
    s = float(sigma / b2.volt)
    upper = (float(p["V_th"] / b2.volt) - mu) / s
    lower = (float(p["V_reset"] / b2.volt) - mu) / s
    rates = np.zeros_like(mu)
    for k, (lo, hi) in enumerate(zip(lower, upper, strict=True)):
        if hi > _SILENT:
            continue
        integral, _ = quad(lambda u: erfcx(-u), lo, hi, limit=200)
        rates[k] = 1.0 / (t_ref + tau * np.sqrt(np.pi) * integral)
    return rates * Hz


def siegert_curve(model, currents, sigma) -> ResponseCurve:
    """:func:`siegert_rate` over ``currents`` as a :class:`ResponseCurve` (x in A, y in Hz)."""
    rates = siegert_rate(model, currents, sigma)
    currents = b2.Quantity(np.atleast_1d(np.asarray(currents)), dim=b2.get_dimensions(currents))
    return ResponseCurve(
        x=currents,
        y=rates,
        x_label="mean input current I (nA)",
        y_label="firing rate (Hz)",
        label=f"noisy LIF, Siegert (σ = {float(sigma / mV):g} mV)",
        meta={"model": model, "sigma": sigma},
    )


def noisy_lif_rates(
    model,
    currents,
    sigma,
    *,
    duration=2 * second,
    dt=0.01 * b2.ms,
    seed=0,
    trials=1,
    settle=0 * second,
):
    """Simulate the noisy LIF and count its spikes: :func:`bioneuro.bio.simulate` of
    ``model`` itself (Brian2, exact integration) with a noisy input current.

    The input of neuron k is the mean current I_k plus Gaussian noise drawn anew every
    step and held over it (:func:`bioneuro.bio.noisy` at the simulation's dt). Exact
    integration of a constant input over one step gives

        v <- mu + (v - mu) e^{-dt/tau_m} + R sigma_I (1 - e^{-dt/tau_m}) N(0, 1)

    which is the exact update of the Ornstein-Uhlenbeck membrane of the Siegert formula,
    v <- mu + (v - mu) e^{-dt/tau_m} + (sigma/sqrt 2) sqrt(1 - e^{-2 dt/tau_m}) N(0, 1),
    when the current's standard deviation is

        sigma_I = sigma sqrt(1 - e^{-2 dt/tau_m}) / (sqrt 2 R (1 - e^{-dt/tau_m})).

    A spike when v crosses V_th at a grid point, then v = V_reset held for t_ref.
    Checking the threshold only at the grid points misses brief excursions above it:
    the rate is slightly low, by about a shift of the threshold of 0.8 sigma
    sqrt(dt/tau_m) (Brunel & Hakim 1999): 0.025 sigma at dt = 0.01 ms.

    Each current runs ``trials`` independent trials side by side, one neuron each (its
    own noise, seed ``seed + k``), all in one group: the rate is

        f_k = (spikes of current k's trials after ``settle``) / (trials x duration),

    which counts as many seconds as one trial of ``trials x duration`` but takes
    ``trials`` times fewer steps (a step of a small group costs the same whatever its
    size). Every trial starts at the model's rest; ``settle`` (run, not counted) lets
    the membrane forget it: a few tau_m (its distribution relaxes as e^{-t/tau_m}).

    Parameters
    ----------
    model : bioneuro.bio.LIF
    currents : Quantity array (amp)
        The mean input currents I_k.
    sigma : Quantity (volt)
        Noise amplitude (the free membrane's standard deviation is sigma / sqrt 2).
    duration : Quantity
        Counted time of each trial.
    dt : Quantity
        Simulation step, also the noise's hold time.
    seed : int
        Seeds the noise: neuron k (trial k % trials of current k // trials) uses
        ``seed + k``.
    trials : int
        Independent trials per current (default 1: one neuron per current).
    settle : Quantity
        Time run before the count starts (default 0: counted from t = 0).

    Returns
    -------
    ResponseCurve: x = currents, y = spike count / (trials x duration) (Hz).
    """
    from bioneuro import bio
    from bioneuro.bio.backends import brian

    _check_model(model)
    amps = _as_currents(currents, model, "currents")
    check_quantity("sigma", sigma, mV, example="2*mV", positive=True)
    check_quantity("duration", duration, second, example="2*second", positive=True)
    check_quantity("dt", dt, second, example="0.01*ms", positive=True)
    check_number("seed", seed, example="0", integer=True, nonnegative=True)
    check_number("trials", trials, example="8", integer=True, positive=True)
    check_quantity("settle", settle, second, example="50*ms", nonnegative=True)
    steps = check_steps(duration, dt, n=amps.size * trials)
    if steps < 10:
        raise ValueError(
            f"duration must cover at least 10 steps of dt={dt} to count a rate; got "
            f"duration={duration}"
        )
    total = settle + duration
    check_steps(total, dt, name="settle + duration", n=amps.size * trials)
    p = model.parameters()
    decay = np.exp(-float(dt / p["tau_m"]))
    sigma_I = sigma * np.sqrt(1 - decay**2) / (np.sqrt(2) * p["R"] * (1 - decay))
    stimuli = [
        bio.noisy(a * b2.amp, sigma_I, stop=total, dt=dt, seed=seed + k)
        for k, a in enumerate(np.repeat(amps, trials))
    ]
    # the Brian2 backend bio.simulate runs, without recording the membrane: only the
    # spike counts are used (a monitor of every step was a third of the run time)
    run = brian.run(model, stimuli, total, dt, record=False)
    # the count starts at the first step at or after settle (spike times are on the grid)
    first = (np.ceil(float(settle / dt) - 1e-9) - 0.5) * float(dt / second)
    counts = np.array([np.count_nonzero(np.asarray(train) > first) for train in run.spikes])
    counted = trials * float(duration / second)
    rates = counts.reshape(amps.size, trials).sum(axis=1) / counted * Hz
    return ResponseCurve(
        x=amps * b2.amp,
        y=rates,
        x_label="mean input current I (nA)",
        y_label="firing rate (Hz)",
        label=f"noisy LIF, simulated (σ = {float(sigma / mV):g} mV)",
        meta={
            "model": model,
            "sigma": sigma,
            "duration": duration,
            "dt": dt,
            "seed": seed,
            "trials": trials,
            "settle": settle,
        },
    )


__all__ = ["noisy_lif_rates", "siegert_curve", "siegert_rate"]
