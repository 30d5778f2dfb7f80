// The form's examples: a CMP in labcore JSON and a CBC in HL7 v2, made up (no real patient).
export const EXAMPLES = {
  json: JSON.stringify({
    lab_id: 'LAB-01',
    test_type: 'CMP',
    collected_at: '2026-11-24T08:00:00-05:00',
    patient: { sex: 'F', birth_date: '1970-05-01' },
    results: [
      { analyte: 'Glucose', value: 182, unit: 'mg/dL' },
      { analyte: 'Potassium', value: 6.8, unit: 'mmol/L' },
      { analyte: 'Sodium', value: 139, unit: 'mmol/L' },
      { analyte: 'Creatinine', value: 1.1, unit: 'mg/dL' }
    ]
  }, null, 2),
  hl7: [
    'MSH|^~\\&|LIS|LAB-01|||20261124083000-0500||ORU^R01|MSG-1|P|2.5.1',
    'PID|1||12345^^^LAB^MR||DOE^JANE||19700501|F',
    'OBR|1|||58410-2^CBC panel^LN|||20261124080000-0500',
    'OBX|1|NM|718-7^Hemoglobin^LN||10.9|g/dL|12.0-16.0|L|||F',
    'OBX|2|NM|6690-2^WBC^LN||7.2|10*3/uL|4.0-11.0|N|||F',
    'OBX|3|NM|777-3^Platelets^LN||250|10*3/uL|150-400|N|||F'
  ].join('\r')
}
