//! Where a value (or the set of values a bound like `<0.01` stands for) lies relative to a range and critical
//! limits, with exact open/closed ends.

use super::Flag;
use super::vendor_range::Bound;

/// A set of possible values: a point, or an interval for a censored result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Values {
    pub(crate) lo: f64,
    pub(crate) lo_closed: bool,
    pub(crate) hi: f64,
    pub(crate) hi_closed: bool,
}

impl Values {
    pub(crate) fn point(v: f64) -> Values {
        Values { lo: v, lo_closed: true, hi: v, hi_closed: true }
    }
}

/// Where a value is read: exactly at `v`, or just above / just below it (the open end of an interval).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Exact,
    JustAbove,
    JustBelow,
}

/// Comparisons of `v` (read on `side`) with a threshold.
struct At {
    v: f64,
    side: Side,
}

impl At {
    fn lt(&self, t: f64) -> bool {
        if self.side == Side::JustBelow { self.v <= t } else { self.v < t }
    }

    fn le(&self, t: f64) -> bool {
        if self.side == Side::JustAbove { self.v < t } else { self.v <= t }
    }

    fn gt(&self, t: f64) -> bool {
        if self.side == Side::JustAbove { self.v >= t } else { self.v > t }
    }

    fn ge(&self, t: f64) -> bool {
        if self.side == Side::JustBelow { self.v > t } else { self.v >= t }
    }
}

/// A reference range and critical limits, all in one unit.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Scale {
    pub(crate) low: Option<Bound>,
    pub(crate) high: Option<Bound>,
    pub(crate) critical_low: Option<f64>,
    pub(crate) critical_high: Option<f64>,
    /// A value equal to a critical limit is critical too.
    pub(crate) critical_inclusive: bool,
}

/// The flag of a set of values; `Err((lowest, highest))` when the set spans more than one flag (a censored
/// value across a limit). Critical limits take precedence; the flag never decreases as the value grows.
pub(crate) fn classify(values: &Values, scale: &Scale) -> Result<Flag, (Flag, Flag)> {
    let lowest =
        flag_at(&At { v: values.lo, side: if values.lo_closed { Side::Exact } else { Side::JustAbove } }, scale);
    let highest =
        flag_at(&At { v: values.hi, side: if values.hi_closed { Side::Exact } else { Side::JustBelow } }, scale);
    if lowest == highest { Ok(lowest) } else { Err((lowest, highest)) }
}

fn flag_at(at: &At, scale: &Scale) -> Flag {
    let inclusive = scale.critical_inclusive;
    if scale.critical_low.is_some_and(|c| if inclusive { at.le(c) } else { at.lt(c) }) {
        return Flag::CriticalLow;
    }
    if scale.critical_high.is_some_and(|c| if inclusive { at.ge(c) } else { at.gt(c) }) {
        return Flag::CriticalHigh;
    }
    // An inclusive low (`4.0-11.0`) flags values below it; an exclusive one (`>40`) flags values at it too.
    if scale.low.is_some_and(|b| if b.inclusive { at.lt(b.value) } else { at.le(b.value) }) {
        return Flag::Low;
    }
    if scale.high.is_some_and(|b| if b.inclusive { at.gt(b.value) } else { at.ge(b.value) }) {
        return Flag::High;
    }
    Flag::Normal
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale() -> Scale {
        Scale {
            low: Some(Bound { value: 3.5, inclusive: true }),
            high: Some(Bound { value: 5.1, inclusive: true }),
            critical_low: Some(2.5),
            critical_high: Some(6.2),
            critical_inclusive: false,
        }
    }

    fn flag(v: f64) -> Result<Flag, (Flag, Flag)> {
        classify(&Values::point(v), &scale())
    }

    #[test]
    fn points() {
        assert_eq!(flag(2.4), Ok(Flag::CriticalLow));
        assert_eq!(flag(2.5), Ok(Flag::Low));
        assert_eq!(flag(3.5), Ok(Flag::Normal));
        assert_eq!(flag(5.1), Ok(Flag::Normal));
        assert_eq!(flag(5.2), Ok(Flag::High));
        assert_eq!(flag(6.2), Ok(Flag::High));
        assert_eq!(flag(6.8), Ok(Flag::CriticalHigh));
    }

    #[test]
    fn censored_values() {
        let below = |x: f64| Values { lo: 0.0, lo_closed: true, hi: x, hi_closed: false };
        let above = |x: f64| Values { lo: x, lo_closed: false, hi: 1e6, hi_closed: true };
        assert_eq!(classify(&below(2.0), &scale()), Ok(Flag::CriticalLow));
        assert_eq!(classify(&below(3.0), &scale()), Err((Flag::CriticalLow, Flag::Low)));
        assert_eq!(classify(&below(4.0), &scale()), Err((Flag::CriticalLow, Flag::Normal)));
        assert_eq!(classify(&above(7.0), &scale()), Ok(Flag::CriticalHigh));
        let one_sided = Scale { high: Some(Bound { value: 200.0, inclusive: false }), ..Scale::default() };
        assert_eq!(classify(&Values::point(200.0), &one_sided), Ok(Flag::High));
        assert_eq!(classify(&Values::point(199.0), &one_sided), Ok(Flag::Normal));
        let hdl = Scale { low: Some(Bound { value: 40.0, inclusive: false }), ..Scale::default() };
        assert_eq!(classify(&Values::point(40.0), &hdl), Ok(Flag::Low));
        assert_eq!(classify(&above(100.0), &hdl), Ok(Flag::Normal));
    }
}
