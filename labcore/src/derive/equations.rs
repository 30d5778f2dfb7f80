//! The equations of derived values, each with its source. Inputs and outputs are in US conventional units.

/// CKD-EPI 2021 creatinine equation, race-free, in mL/min/1.73 m².
///
/// eGFR = 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 × 0.9938^age × 1.012 [if female],
/// κ = 0.7 (female) or 0.9 (male), α = −0.241 (female) or −0.302 (male); Scr in mg/dL, age in years.
///
/// Source: Inker LA, Eneanya ND, Coresh J, et al. New creatinine- and cystatin C-based equations to estimate GFR
/// without race. N Engl J Med 2021;385:1737-1749 (Table S10 / the equation in the Methods). Validated in adults.
///
/// ```
/// use labcore::derive::ckd_epi_2021;
/// assert_eq!(ckd_epi_2021(1.0, 50.0, true).round(), 69.0);
/// assert_eq!(ckd_epi_2021(1.0, 50.0, false).round(), 92.0);
/// ```
pub fn ckd_epi_2021(creatinine_mg_dl: f64, age_years: f64, female: bool) -> f64 {
    let (kappa, alpha, sex_factor) = if female { (0.7, -0.241, 1.012) } else { (0.9, -0.302, 1.0) };
    let ratio = creatinine_mg_dl / kappa;
    142.0 * ratio.min(1.0).powf(alpha) * ratio.max(1.0).powf(-1.200) * 0.9938f64.powf(age_years) * sex_factor
}

/// Friedewald LDL-C = TC − HDL-C − TG/5 (mg/dL). Not valid when TG ≥ 400 mg/dL.
///
/// Source: Friedewald WT, Levy RI, Fredrickson DS. Estimation of the concentration of low-density lipoprotein
/// cholesterol in plasma, without use of the preparative ultracentrifuge. Clin Chem 1972;18:499-502.
///
/// ```
/// assert_eq!(labcore::derive::friedewald(200.0, 50.0, 150.0), 120.0);
/// ```
pub fn friedewald(total_cholesterol: f64, hdl: f64, triglycerides: f64) -> f64 {
    total_cholesterol - hdl - triglycerides / 5.0
}

/// Friedewald is refused from this triglyceride level (mg/dL) up (Friedewald et al. 1972).
pub const FRIEDEWALD_MAX_TRIGLYCERIDES: f64 = 400.0;

/// Sampson/NIH equation 2 LDL-C (mg/dL):
/// LDL-C = TC/0.948 − HDL-C/0.971 − (TG/8.56 + TG × non-HDL-C/2140 − TG²/16100) − 9.44.
///
/// Source: Sampson M, Ling C, Sun Q, et al. A New Equation for Calculation of Low-Density Lipoprotein
/// Cholesterol in Patients With Normolipidemia and/or Hypertriglyceridemia. JAMA Cardiol 2020;5(5):540-548.
/// Validated up to TG 800 mg/dL.
pub fn sampson_nih(total_cholesterol: f64, hdl: f64, triglycerides: f64) -> f64 {
    let non_hdl = total_cholesterol - hdl;
    total_cholesterol / 0.948
        - hdl / 0.971
        - (triglycerides / 8.56 + triglycerides * non_hdl / 2140.0 - triglycerides * triglycerides / 16_100.0)
        - 9.44
}

/// The Sampson/NIH equation is refused above this triglyceride level (mg/dL) (Sampson et al. 2020).
pub const SAMPSON_MAX_TRIGLYCERIDES: f64 = 800.0;

/// Non-HDL cholesterol = TC − HDL-C (NCEP ATP III, Circulation 2002;106:3143).
pub fn non_hdl(total_cholesterol: f64, hdl: f64) -> f64 {
    total_cholesterol - hdl
}

/// Anion gap = Na − (Cl + HCO3), mmol/L (the formula without potassium; Emmett M, Narins RG. Clinical use of
/// the anion gap. Medicine 1977;56:38-54).
///
/// ```
/// assert_eq!(labcore::derive::anion_gap(140.0, 104.0, 24.0), 12.0);
/// ```
pub fn anion_gap(sodium: f64, chloride: f64, bicarbonate: f64) -> f64 {
    sodium - (chloride + bicarbonate)
}

/// Albumin-corrected calcium = Ca + 0.8 × (4.0 − albumin), Ca in mg/dL, albumin in g/dL.
///
/// Source: Payne RB, Little AJ, Williams RB, Milner JR. Interpretation of serum calcium in patients with
/// abnormal serum proteins. BMJ 1973;4:643-646 (the 0.8 mg/dL per g/dL form in US units).
///
/// ```
/// assert!((labcore::derive::corrected_calcium(8.0, 2.0) - 9.6).abs() < 1e-12);
/// ```
pub fn corrected_calcium(calcium_mg_dl: f64, albumin_g_dl: f64) -> f64 {
    calcium_mg_dl + 0.8 * (4.0 - albumin_g_dl)
}

/// Globulin = total protein − albumin (g/dL).
pub fn globulin(total_protein: f64, albumin: f64) -> f64 {
    total_protein - albumin
}

/// Albumin/globulin ratio.
pub fn ag_ratio(albumin: f64, globulin: f64) -> f64 {
    albumin / globulin
}

/// BUN/creatinine ratio (both mg/dL).
pub fn bun_creatinine_ratio(bun: f64, creatinine: f64) -> f64 {
    bun / creatinine
}

/// Removes the noise of unit conversions: the value to 10 significant digits. Inputs sent in SI units and
/// converted back carry errors in the 15th digit, which would otherwise tip a value such as 129.5 to 129.4999…
/// and round it the other way than the same inputs sent in conventional units.
pub(crate) fn without_conversion_noise(value: f64) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    let magnitude = value.abs().log10().floor() as i32;
    round_to(value, 9 - magnitude)
}

/// Rounds to a number of decimals, as the value is reported.
pub(crate) fn round_to(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    let rounded = (value * scale).round() / scale;
    if rounded == 0.0 { 0.0 } else { rounded }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_examples() {
        assert_eq!(ckd_epi_2021(1.0, 50.0, true).round(), 69.0);
        assert_eq!(ckd_epi_2021(1.0, 50.0, false).round(), 92.0);
        assert_eq!(friedewald(200.0, 50.0, 150.0), 120.0);
        assert_eq!(anion_gap(140.0, 104.0, 24.0), 12.0);
        assert_eq!(round_to(corrected_calcium(8.0, 2.0), 1), 9.6);
        // 229.2 - 99.7 mg/dL, the inputs having come back from mmol/L: 129.49999999999997 without the fix.
        let noisy = 229.2 / 38.67 * 38.67 - 99.7;
        assert_eq!(round_to(without_conversion_noise(noisy), 0), 130.0);
        assert_eq!(without_conversion_noise(0.0), 0.0);
        assert_eq!(without_conversion_noise(-1.23456789012345), -1.234567890);
        // Equation 2 evaluated by hand: 210.97 - 51.49 - (17.52 + 10.51 - 1.40) - 9.44 = 123.40.
        assert!((sampson_nih(200.0, 50.0, 150.0) - 123.397).abs() < 1e-3);
    }

    #[test]
    fn egfr_falls_with_age_and_creatinine() {
        assert!(ckd_epi_2021(1.0, 70.0, true) < ckd_epi_2021(1.0, 40.0, true));
        assert!(ckd_epi_2021(2.0, 50.0, false) < ckd_epi_2021(1.0, 50.0, false));
    }
}
