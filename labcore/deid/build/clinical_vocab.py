# Hand-curated clinical vocabulary for labcore/deid/clinical_words.txt (written for this project,
# 2026; single words, lowercase). Drug names are generic (INN/USAN) or US brand names; names of
# drugs, body parts, diseases and units are facts, not copyrightable expression. Not derived from
# RxNorm, SNOMED, UMLS or any licensed terminology.
import re
def w(s): return [x for x in re.split(r'[\s,]+', s.strip().lower()) if x]

GENERIC_DRUGS = w("""
atorvastatin levothyroxine lisinopril metformin amlodipine metoprolol albuterol omeprazole losartan gabapentin
hydrochlorothiazide sertraline simvastatin montelukast escitalopram rosuvastatin bupropion furosemide pantoprazole
trazodone dextroamphetamine amphetamine fluticasone tamsulosin fluoxetine carvedilol duloxetine meloxicam clopidogrel
prednisone citalopram insulin glargine lispro aspart detemir degludec tramadol atenolol methylphenidate pravastatin
ibuprofen allopurinol venlafaxine zolpidem cyclobenzaprine glipizide estradiol ondansetron spironolactone lamotrigine
buspirone cetirizine hydrocodone acetaminophen oxycodone warfarin apixaban rivaroxaban dabigatran edoxaban clonazepam
alprazolam lorazepam diazepam temazepam quetiapine aripiprazole risperidone olanzapine ziprasidone lurasidone haloperidol
paliperidone clozapine lithium topiramate levetiracetam valproate divalproex carbamazepine oxcarbazepine phenytoin
lacosamide phenobarbital pregabalin baclofen tizanidine methocarbamol cephalexin amoxicillin clavulanate azithromycin
doxycycline minocycline ciprofloxacin levofloxacin moxifloxacin sulfamethoxazole trimethoprim nitrofurantoin
clindamycin metronidazole vancomycin piperacillin tazobactam ceftriaxone cefazolin cefepime cefdinir cefuroxime
ceftazidime meropenem ertapenem imipenem aztreonam linezolid daptomycin gentamicin tobramycin amikacin penicillin
ampicillin nafcillin erythromycin clarithromycin fluconazole voriconazole nystatin acyclovir valacyclovir oseltamivir
remdesivir famotidine ranitidine esomeprazole lansoprazole sucralfate docusate senna sennosides bisacodyl lactulose
loperamide metoclopramide promethazine prochlorperazine meclizine scopolamine hydroxyzine diphenhydramine loratadine
fexofenadine benzonatate guaifenesin dextromethorphan pseudoephedrine budesonide formoterol salmeterol tiotropium
ipratropium umeclidinium vilanterol mometasone beclomethasone triamcinolone methylprednisolone dexamethasone
hydrocortisone prednisolone fludrocortisone levocetirizine finasteride dutasteride oxybutynin tolterodine solifenacin
mirabegron sildenafil tadalafil valsartan olmesartan irbesartan telmisartan candesartan sacubitril enalapril ramipril
benazepril quinapril captopril diltiazem verapamil nifedipine hydralazine clonidine doxazosin terazosin prazosin
labetalol propranolol nadolol bisoprolol nebivolol chlorthalidone bumetanide torsemide triamterene eplerenone digoxin
amiodarone dronedarone sotalol flecainide propafenone dofetilide nitroglycerin isosorbide ranolazine ezetimibe
fenofibrate gemfibrozil niacin icosapent lovastatin pitavastatin evolocumab alirocumab aspirin ticagrelor prasugrel
cilostazol heparin enoxaparin fondaparinux argatroban bivalirudin sitagliptin linagliptin saxagliptin alogliptin
empagliflozin dapagliflozin canagliflozin ertugliflozin liraglutide semaglutide dulaglutide exenatide tirzepatide
pioglitazone glimepiride glyburide repaglinide acarbose liothyronine methimazole propylthiouracil alendronate
risedronate ibandronate zoledronic denosumab raloxifene calcitriol ergocalciferol cholecalciferol cyanocobalamin
paroxetine mirtazapine amitriptyline nortriptyline doxepin imipramine desvenlafaxine vortioxetine vilazodone
lisdexamfetamine atomoxetine guanfacine modafinil armodafinil donepezil memantine rivastigmine galantamine carbidopa
levodopa pramipexole ropinirole rasagiline selegiline benztropine amantadine sumatriptan rizatriptan zolmitriptan
naproxen diclofenac celecoxib indomethacin ketorolac etodolac nabumetone colchicine febuxostat probenecid
methotrexate hydroxychloroquine sulfasalazine leflunomide azathioprine mycophenolate tacrolimus cyclosporine sirolimus
adalimumab etanercept infliximab ustekinumab secukinumab dupilumab rituximab tofacitinib baricitinib upadacitinib
mesalamine morphine hydromorphone fentanyl methadone buprenorphine naloxone naltrexone tapentadol codeine oxymorphone
ketamine propofol midazolam dexmedetomidine etomidate lidocaine bupivacaine ropivacaine succinylcholine rocuronium
vecuronium cisatracurium norepinephrine epinephrine vasopressin phenylephrine dopamine dobutamine milrinone atropine
glycopyrrolate neostigmine sugammadex adenosine tamoxifen anastrozole letrozole exemestane leuprolide bicalutamide
enzalutamide abiraterone imatinib pembrolizumab nivolumab trastuzumab bevacizumab cisplatin carboplatin paclitaxel
docetaxel doxorubicin cyclophosphamide fluorouracil capecitabine gemcitabine oxaliplatin irinotecan etoposide
vincristine bortezomib lenalidomide filgrastim pegfilgrastim epoetin darbepoetin terbinafine ketoconazole clotrimazole
miconazole mupirocin bacitracin neomycin polymyxin permethrin ivermectin tretinoin isotretinoin adapalene clobetasol
desonide hydroquinone latanoprost timolol brimonidine dorzolamide travoprost bimatoprost cyclopentolate tropicamide
medroxyprogesterone norethindrone levonorgestrel drospirenone progesterone testosterone megestrol clomiphene oxytocin
misoprostol methylergonovine terbutaline varenicline nicotine disulfiram acamprosate emtricitabine tenofovir
dolutegravir bictegravir efavirenz lamivudine zidovudine abacavir raltegravir darunavir ritonavir nirmatrelvir
sofosbuvir ledipasvir velpatasvir entecavir isoniazid rifampin rifaximin pyrazinamide ethambutol dapsone atovaquone
chloroquine mefloquine primaquine albendazole mebendazole praziquantel tranexamic aminocaproic desmopressin octreotide
glucagon dextrose alteplase tenecteplase protamine phytonadione idarucizumab andexanet thiamine pyridoxine folate
multivitamin potassium magnesium calcium sodium bicarbonate phosphate zinc ferrous iron albumin mannitol
""")

BRAND_DRUGS = w("""
tylenol advil motrin aleve lasix coumadin jantoven eliquis xarelto pradaxa plavix lipitor crestor zocor pravachol
norvasc toprol lopressor coreg zestril prinivil cozaar hyzaar diovan benicar avapro micardis atacand synthroid
levoxyl glucophage januvia janumet jardiance farxiga invokana ozempic wegovy rybelsus trulicity victoza mounjaro
zepbound lantus basaglar toujeo humalog novolog levemir tresiba prilosec nexium protonix pepcid zantac carafate
zofran reglan phenergan compazine antivert ativan xanax valium klonopin restoril ambien zoloft lexapro celexa prozac
paxil wellbutrin effexor pristiq cymbalta remeron desyrel seroquel abilify risperdal zyprexa geodon latuda haldol
clozaril depakote lamictal keppra dilantin tegretol trileptal topamax neurontin lyrica flexeril robaxin zanaflex
norco vicodin percocet oxycontin roxicodone dilaudid ultram narcan suboxone subutex methadose flomax proscar avodart
detrol ditropan myrbetriq viagra cialis singulair advair symbicort spiriva flovent proventil ventolin xopenex atrovent
duoneb breo trelegy incruse anoro zyrtec claritin allegra benadryl sudafed mucinex tessalon flonase nasonex keflex
augmentin amoxil zithromax levaquin cipro bactrim macrobid cleocin flagyl vancocin zosyn rocephin ancef maxipime
merrem diflucan valtrex tamiflu paxlovid colace senokot dulcolax miralax imodium lovenox toradol celebrex mobic
naprosyn medrol decadron solumedrol zyloprim uloric colcrys plaquenil arava imuran cellcept prograf humira enbrel
remicade stelara cosentyx dupixent xeljanz rinvoq olumiant rituxan keytruda opdivo herceptin avastin neulasta
neupogen procrit epogen aranesp zetia tricor lopid vascepa repatha praluent brilinta effient entresto aldactone
bumex demadex lanoxin cordarone pacerone multaq betapace tambocor tikosyn nitrostat imdur ranexa catapres cardizem
calan procardia tenormin inderal bystolic altace vasotec lotensin accupril actos amaryl glucotrol levitra premarin
provera estrace mirena nexplanon aricept namenda exelon sinemet mirapex requip azilect cogentin imitrex maxalt
adderall ritalin concerta vyvanse strattera intuniv provigil chantix antabuse campral vivitrol biktarvy truvada
descovy genvoya harvoni epclusa mavyret xofluza prevnar pneumovax shingrix boostrix gardasil fosamax boniva reclast
prolia evista duragesic kadian ms contin cymbalta epipen glucagen bactroban lamisil nizoral retin accutane
xalatan timoptic alphagan cosopt lumigan travatan pitocin cytotec methergine depo nicorette nicoderm
""")

ANATOMY = w("""
head neck chest back heart lung lungs liver kidney kidneys spleen stomach bowel bowels colon rectum anus bladder uterus
ovary ovaries cervix vagina vulva penis testis testes testicle prostate breast breasts nipple axilla arm arms forearm
elbow wrist hand hands finger fingers thumb palm hip hips thigh knee knees leg legs calf shin ankle foot feet toe toes
heel shoulder clavicle scapula sternum rib ribs spine vertebra skull brain cerebellum cortex nerve nerves artery vein
veins aorta carotid femoral radial ulnar brachial popliteal jugular skin muscle muscles tendon ligament bone bones
joint joints cartilage eye eyes ear ears nose mouth lip lips tongue tooth teeth gum gums throat pharynx larynx trachea
bronchus esophagus duodenum jejunum ileum cecum appendix gallbladder pancreas thyroid adrenal pituitary lymph node
nodes abdomen belly pelvis groin buttock buttocks flank temple jaw chin cheek forehead scalp hair nail nails retina
cornea lens iris pupil eyelid sinus sinuses mastoid mandible maxilla femur tibia fibula humerus radius ulna patella
sacrum coccyx ilium ischium ventricle atrium valve mitral tricuspid pericardium pleura diaphragm peritoneum omentum
mesentery umbilicus navel perineum scrotum urethra ureter renal hepatic biliary portal saphenous cephalic basilic
iliac subclavian axillary temporal occipital parietal frontal lumbar thoracic cervical sacral coronary cardiac
pulmonary gastric abdominal pelvic spinal cranial facial oral nasal ocular dental hamstring quadriceps biceps triceps
deltoid gluteal achilles rotator cuff meniscus labrum disc discs marrow blood plasma serum urine stool sputum saliva
bile mucus tissue cell cells gland glands tonsil tonsils adenoids uvula palate epiglottis vocal cord cords
""")

DISEASE = w("""
cancer tumor tumour mass lesion nodule cyst abscess ulcer infection sepsis pneumonia bronchitis asthma emphysema
fibrosis edema effusion embolism embolus thrombosis thrombus stroke infarction infarct ischemia angina arrhythmia
fibrillation flutter murmur hypertension hypotension diabetes obesity anemia leukemia lymphoma melanoma carcinoma
sarcoma myeloma metastasis metastases dementia delirium depression anxiety schizophrenia bipolar psychosis seizure
seizures epilepsy migraine headache syncope vertigo dizziness fever fevers chills cough wheeze wheezing dyspnea fatigue
malaise nausea vomiting diarrhea constipation pain rash itch itching pruritus hives urticaria cellulitis gangrene
fracture sprain strain dislocation contusion laceration abrasion burn burns wound wounds bruise bruising hernia
appendicitis cholecystitis pancreatitis hepatitis cirrhosis gastritis colitis diverticulitis reflux heartburn dysphagia
jaundice ascites hematuria proteinuria incontinence retention cystitis pyelonephritis nephritis gout arthritis
osteoarthritis osteoporosis scoliosis stenosis sciatica neuropathy palsy paralysis tremor weakness numbness tingling
confusion coma shock arrest failure insufficiency lupus psoriasis eczema dermatitis acne shingles herpes zoster
influenza flu covid measles mumps rubella pertussis tetanus tuberculosis syphilis gonorrhea chlamydia candidiasis
thrush glaucoma cataract cataracts otitis sinusitis pharyngitis tonsillitis laryngitis conjunctivitis allergy
allergies anaphylaxis hypoglycemia hyperglycemia hyponatremia hypernatremia hyperkalemia hypokalemia dehydration
malnutrition pregnancy miscarriage preeclampsia eclampsia hemorrhage bleeding bleed clot clots polyp polyps adenoma
hyperplasia dysplasia neoplasm benign malignant acute chronic mild moderate severe stable unstable normal abnormal
positive negative bilateral left right anterior posterior lateral medial proximal distal superior inferior
obstruction perforation rupture spasm cramp cramps colic swelling lump lumps blister wart warts mole moles cold
sore sores boil boils stye scar scars ulcers apnea snoring insomnia fall falls trauma injury injuries overdose
withdrawal addiction alcoholism smoker smoking tobacco vape marijuana cannabis cocaine heroin opioid opioids sickle
thalassemia hemophilia neutropenia thrombocytopenia leukocytosis bacteremia viremia fungemia endocarditis myocarditis
pericarditis cardiomyopathy aneurysm dissection claudication varicose hemorrhoids fissure fistula prolapse
""")

LABS = w("""
hemoglobin hematocrit platelet platelets glucose sodium potassium chloride bicarbonate creatinine urea nitrogen calcium
magnesium phosphorus albumin protein bilirubin lipase amylase troponin lactate lactic ferritin iron transferrin folate
cholesterol triglycerides triglyceride lipid lipids insulin cortisol testosterone estrogen thyroxine culture cultures
sensitivity gram stain urinalysis specimen sample panel count differential neutrophils lymphocytes monocytes
eosinophils basophils bands reticulocyte reticulocytes fibrinogen dimer procalcitonin ammonia ketones osmolality
saturation oxygen carbon dioxide ph anion gap alkaline phosphatase transaminase aminotransferase prothrombin
thromboplastin hemoglobin hemolysis smear biopsy cytology pathology histology titer antibody antibodies antigen
serology assay screen level levels peak trough random fasting normal high low elevated decreased critical
vitamin b12 urine blood stool sputum swab pcr rapid strep mono hcg beta quantitative qualitative
""")

UNITS_ABBREV = w("""
mg mcg ug ml dl mmol meq iu kg lb lbs oz cm mm hr hrs min mins sec bid tid qid qd qhs qam qpm prn po iv im sc sq sl
pr npo stat bp rr hgb hct plt wbc rbc na k cl co2 bun cr ca phos alb ast alt alp ggt ldh ck inr pt ptt tsh psa crp
esr bnp ldl hdl abg vbg ekg ecg eeg emg cxr ct cta mri mra us echo tte tee pet dexa kub egd ercp cabg pci stemi
nstemi mi chf copd cad pad pvd dvt pe uti aki ckd esrd dm htn hld gerd ibs ibd ra sle ms als cva tia bph osa afib
svt vt vf pea cpr icu ed er or pacu nicu picu snf ltac ot rn lpn np pa md do dds od os ou hx dx tx rx sx fx pmh psh
ros hpi cc nkda nka sob doe cp ha abd ext neuro psych wnl nad rrr ctab perrla eomi gcs bmi yo rll rul lll lul rlq
ruq llq luq ac pc hs fe zn cu li al mn hg pb ag au se mo ni co sr ba cd sn ti as bi cs fr ct ga ge ra rn tl ac
ivf tpn ng ngt peg picc cvc art etc dnr dni poa hcp pcp obgyn ent gi gu id heme onc pulm cards nephro endo rheum
derm ortho uro
""")

# Eponyms: person names used as clinical terms (disease, sign, test, score, device). Suppress ONLY in
# eponym context (e.g. followed by disease/syndrome/sign/score/fracture/palsy/catheter/test/maneuver).
EPONYMS = w("""
parkinson parkinsons alzheimer alzheimers huntington crohn crohns hodgkin hodgkins addison addisons cushing cushings
graves hashimoto hashimotos wilson wilsons down turner klinefelter marfan raynaud raynauds sjogren sjogrens guillain
barre bell bells kawasaki kaposi burkitt ewing wilms paget pagets bowen barrett barretts zenker meckel hirschsprung
whipple nissen roux billroth hartmann foley swan ganz hickman groshong broviac holter doppler babinski romberg murphy
murphys mcburney rovsing kernig brudzinski homans trendelenburg valsalva heimlich apgar glasgow ranson wells gleason
breslow clark bishop allen phalen tinel finkelstein lachman mcmurray thompson spurling hoffman hoffmann chvostek
trousseau kussmaul cheyne stokes austin flint graham steell virchow osler janeway roth argyll robertson horner adie
todd wernicke korsakoff broca willis colles barton bennett monteggia galeazzi salter harris weber lisfranc
maisonneuve sachs bankart baker bakers dupuytren peyronie osgood schlatter legg calve perthes scheuermann kienbock
sever morton tay gaucher fabry niemann pick gehrig tourette asperger munchausen reye henoch schonlein wegener churg
strauss takayasu behcet still reiter sweet stevens johnson lyme chagas hansen epstein barr coxsackie gram ziehl
neelsen wright giemsa papanicolaou pap westergren coombs schilling tzanck schirmer snellen weber rinne allis kocher
pfannenstiel mallory weiss boerhaave zollinger ellison budd chiari arnold dandy walker brown sequard charcot marie
tooth duchenne becker lou friedreich creutzfeldt jakob kaposi mobitz wenckebach wolff parkinson white brugada
torsades bundle his purkinje starling fick poiseuille laplace frank bezold jarisch cushing beck kehr grey turner
cullen battle raccoon hutchinson koplik nikolsky auspitz darier koebner
""")

NOTE_WORDS = w("""
patient pt history present illness chief complaint assessment plan impression diagnosis diagnoses allergies
medications meds vitals vital signs review systems physical exam examination labs laboratory imaging radiology
procedure procedures surgery surgical social family past medical hospital course discharge admission admitted
disposition follow instructions condition code status full consult consultation note progress subjective objective
attending resident fellow intern nurse nursing physician provider doctor dr mr mrs ms miss mister sir madam
cardiology neurology oncology hematology nephrology pulmonology gastroenterology endocrinology rheumatology
dermatology psychiatry psychology pediatrics obstetrics gynecology urology orthopedics ophthalmology otolaryngology
anesthesia anesthesiology emergency internal medicine general geriatrics palliative hospice infectious disease
critical care intensive trauma vascular plastic thoracic cardiothoracic neurosurgery pathology pharmacy occupational
speech therapy therapist social work worker case management nutrition dietitian chaplain clinic unit ward floor
department service team monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december yes no none denies denied reports reported unknown negative
positive normal stable alert oriented awake married single divorced widowed separated lives alone wife husband son
daughter mother father brother sister friend spouse partner caregiver guardian self aunt uncle cousin grandmother
grandfather grandson granddaughter niece nephew fiance fiancee girlfriend boyfriend roommate neighbor
tylenol emergency contact phone signed electronically dictated transcribed reviewed approved verified addendum
""")

CATEGORIES0 = dict(generic_drug=GENERIC_DRUGS, brand_drug=BRAND_DRUGS, anatomy=ANATOMY, disease_finding=DISEASE,
                  lab=LABS, unit_abbrev=UNITS_ABBREV, eponym=EPONYMS, note_word=NOTE_WORDS)
# single a-z tokens only (drops b12, co2)
CATEGORIES = {k: [x for x in v if re.fullmatch(r'[a-z]+', x)] for k, v in CATEGORIES0.items()}
GENERIC_DRUGS, BRAND_DRUGS, ANATOMY, DISEASE, LABS, UNITS_ABBREV, EPONYMS, NOTE_WORDS = (
    sorted(set(CATEGORIES[k])) for k in ('generic_drug','brand_drug','anatomy','disease_finding','lab','unit_abbrev','eponym','note_word'))
