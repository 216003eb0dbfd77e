#!/usr/bin/env python3
"""Writes spelling_variants.txt: British -> American spelling pairs, one "british american" pair
a line, that the Analyzer folds before stemming (index/analysis/spelling.h).

Run from this directory: python3 make_spelling_variants.py > spelling_variants.txt

The pairs are listed explicitly, or generated from a root with suffixes that are known to form
real words in both spellings (every -ise verb below has the four verb forms; the -isation nouns
are only generated for the roots listed in ISATION). Words whose British form is also a
different American word are left out (e.g. "analyses", plural of "analysis"), as are words whose
-ise spelling is the only one (advise, comprise, exercise, surprise, ...).
"""

# -ise/-ize verbs: root + "ise", "ises", "ised", "ising".
ISE_VERBS = """
agonis antagonis apologis authoris capitalis categoris centralis characteris civilis colonis
computeris criticis crystallis decentralis dehumanis demilitaris democratis demonis demoralis
desensitis destabilis digitis dramatis economis emphasis energis epitomis equalis familiaris
fantasis fertilis finalis formalis fossilis galvanis generalis globalis harmonis homogenis
hospitalis humanis hybridis hypothesis idealis immobilis immortalis immunis industrialis
initialis internalis ionis itemis jeopardis legalis legitimis liberalis localis magnetis
marginalis maximis memoris mesmeris metabolis militaris minimis mobilis modernis moisturis
monopolis motoris nationalis naturalis neutralis normalis optimis organis ostracis oxidis
pasteuris patronis penalis personalis polaris polymeris popularis prioritis privatis publicis
pulveris radicalis randomis rationalis realis recognis regularis revolutionis sanitis satiris
scrutinis sensitis socialis specialis stabilis standardis sterilis subsidis summaris symbolis
sympathis synthesis tantalis terroris theoris traumatis trivialis urbanis utilis vandalis
vaporis visualis vocalis vulcanis westernis
"""

# Roots of ISE_VERBS whose -isation/-isations nouns are common words.
ISATION = """
authoris capitalis categoris centralis characteris civilis colonis computeris crystallis
decentralis demilitaris democratis desensitis destabilis digitis fertilis generalis globalis
harmonis hospitalis hybridis immobilis immunis industrialis initialis internalis ionis legalis
liberalis localis magnetis marginalis maximis militaris minimis mobilis modernis nationalis
naturalis neutralis normalis optimis organis pasteuris personalis polaris polymeris prioritis
privatis radicalis randomis rationalis realis sensitis socialis specialis stabilis standardis
sterilis summaris urbanis utilis vaporis visualis vulcanis
"""

# Roots of ISE_VERBS whose -iser/-isers agent nouns are common words.
ISER = "equalis fertilis moisturis organis stabilis synthesis vaporis"

# -yse/-yze verbs: root + "yse", "ysed", "ysing" ("analyses", "paralyses" are also plurals of
# "analysis", "paralysis", so the -yses form is left out).
YSE_VERBS = "anal catal dial electrol hydrol paral"

# -our/-or: every British word listed; the American one drops the last "u" of "our".
OUR_WORDS = """
ardour armour armoured armoury behaviour behavioural behaviourally behaviours candour clamour
colour coloured colourful colouring colourless colours demeanour discolour discoloured
discolouration endeavour endeavoured endeavouring endeavours favour favourable favourably
favoured favouring favourite favourites favouritism favours fervour flavour flavoured
flavouring flavourings flavours harbour harboured harbouring harbours honour honourable
honourably honoured honouring honours humour humoured humours labour laboured labourer
labourers labouring labours misbehaviour neighbour neighbourhood neighbourhoods neighbouring
neighbours odour odourless odours parlour rancour rigour rumour rumoured rumours savour
savoury splendour tumour tumours unfavourable unfavourably valour vapour vapours vigour
"""

# -re/-er: every British word listed; the American one swaps the "re" before the ending.
RE_WORDS = {
    "calibre": "caliber", "centre": "center", "centred": "centered", "centres": "centers",
    "epicentre": "epicenter", "fibre": "fiber", "fibres": "fibers", "goitre": "goiter",
    "litre": "liter", "litres": "liters", "lustre": "luster", "meagre": "meager",
    "metre": "meter", "metres": "meters", "millilitre": "milliliter",
    "millilitres": "milliliters", "millimetre": "millimeter", "millimetres": "millimeters",
    "centimetre": "centimeter", "centimetres": "centimeters", "kilometre": "kilometer",
    "kilometres": "kilometers", "nanometre": "nanometer", "nanometres": "nanometers",
    "micrometre": "micrometer", "micrometres": "micrometers", "sabre": "saber",
    "sceptre": "scepter", "sombre": "somber", "spectre": "specter", "theatre": "theater",
    "theatres": "theaters", "titre": "titer", "titres": "titers", "manoeuvre": "maneuver",
    "manoeuvres": "maneuvers", "manoeuvred": "maneuvered", "manoeuvring": "maneuvering",
}

# -ae-/-oe- (mostly medical Greek and Latin words): the American word drops the "a" or "o".
AE_OE_WORDS = """
aeon aetiology amenorrhoea anaemia anaemic anaesthesia anaesthetic anaesthetics anaesthetist
apnoea bacteraemia caesarean caesium coeliac diarrhoea dyspnoea encyclopaedia faeces foetal
foetus foetuses gonorrhoea gynaecological gynaecologist gynaecology haematocrit
haematological haematology haematoma haematopoietic haemodialysis haemodynamic haemodynamics
haemoglobin haemolysis haemolytic haemophilia haemorrhage haemorrhages haemorrhagic
haemostasis hyperglycaemia hyperglycaemic hypoglycaemia hypoglycaemic hypoxaemia ischaemia
ischaemic leukaemia leukaemic mediaeval oedema oesophageal oesophagitis oesophagus oestradiol
oestrogen oestrogens orthopaedic orthopaedics paediatric paediatrician paediatricians
paediatrics palaeontology septicaemia glycaemic glycaemia toxaemia uraemia
"""

# Everything else, in pairs.
OTHER_PAIRS = """
defence defense  defences defenses  defenceless defenseless  offence offense  offences offenses
licence license  licences licenses  pretence pretense  pretences pretenses
catalogue catalog  catalogues catalogs  catalogued cataloged  dialogue dialog
dialogues dialogs  analogue analog  analogues analogs
analyse analyze  analysed analyzed  analysing analyzing  analyser analyzer  analysers analyzers
anaesthetise anesthetize  anaesthetised anesthetized
travelled traveled  travelling traveling  traveller traveler  travellers travelers
cancelled canceled  cancelling canceling  labelled labeled  labelling labeling
modelled modeled  modelling modeling  signalled signaled  signalling signaling
fuelled fueled  fuelling fueling  levelled leveled  levelling leveling
channelled channeled  channelling channeling  counselled counseled  counselling counseling
counsellor counselor  counsellors counselors  dialled dialed  dialling dialing
totalled totaled  totalling totaling  marvellous marvelous  jewellery jewelry
woollen woolen  quarrelled quarreled  tunnelling tunneling  equalled equaled
rivalled rivaled  labelled labeled  initialled initialed  pencilled penciled
enrol enroll  enrols enrolls  enrolment enrollment  enrolments enrollments
fulfil fulfill  fulfils fulfills  fulfilment fulfillment  instalment installment
instalments installments  skilful skillful  skilfully skillfully  wilful willful
wilfully willfully  distil distill  distils distills  instil instill  instils instills
enthral enthrall
grey gray  greys grays  greyish grayish
tyre tire  tyres tires  kerb curb  kerbs curbs  plough plow  ploughs plows  ploughed plowed
programme program  programmes programs  cheque check  cheques checks  chequebook checkbook
aluminium aluminum  sulphur sulfur  sulphate sulfate  sulphates sulfates  sulphide sulfide
sulphides sulfides  sulphuric sulfuric  sulphonamide sulfonamide  sulphonamides sulfonamides
mould mold  moulds molds  mouldy moldy  moulded molded  moulding molding  moult molt
smoulder smolder  smouldering smoldering  storey story  storeys stories
pyjamas pajamas  draught draft  draughts drafts  gaol jail  gaols jails
ageing aging  judgement judgment  judgements judgments  acknowledgement acknowledgment
acknowledgements acknowledgments  artefact artifact  artefacts artifacts
sceptic skeptic  sceptics skeptics  sceptical skeptical  scepticism skepticism
practise practice  practises practices  practised practiced  practising practicing
leucocyte leukocyte  leucocytes leukocytes  leukaemias leukemias
recognisable recognizable  unrecognisable unrecognizable  organisational organizational
cosy cozy  moustache mustache  moustaches mustaches
speciality specialty  specialities specialties
"""


def pairs():
    out = {}

    def add(british, american):
        assert british != american, british
        assert british not in out or out[british] == american, british
        out[british] = american

    # The roots are written with their "s"; the American word has a "z" in its place.
    for root in ISE_VERBS.split():
        for suffix in ("e", "es", "ed", "ing"):
            add(root + suffix, root[:-1] + "z" + suffix)
    for root in ISATION.split():
        assert root in ISE_VERBS.split(), root
        for suffix in ("ation", "ations"):
            add(root + suffix, root[:-1] + "z" + suffix)
    for root in ISER.split():
        assert root in ISE_VERBS.split(), root
        for suffix in ("er", "ers"):
            add(root + suffix, root[:-1] + "z" + suffix)
    for root in YSE_VERBS.split():
        for suffix in ("e", "ed", "ing"):
            add(root + "ys" + suffix, root + "yz" + suffix)
    for word in OUR_WORDS.split():
        i = word.rindex("our")
        add(word, word[:i] + "or" + word[i + 3:])
    for british, american in RE_WORDS.items():
        add(british, american)
    for word in AE_OE_WORDS.split():
        i = word.find("ae")
        j = word.find("oe")
        k = min(x for x in (i, j) if x >= 0)
        add(word, word[:k] + word[k + 1:])
    words = OTHER_PAIRS.split()
    assert len(words) % 2 == 0
    for british, american in zip(words[0::2], words[1::2]):
        add(british, american)
    # No American form may itself be folded: the mapping is applied once.
    for american in out.values():
        assert american not in out, american
    return out


def main():
    table = pairs()
    print("# British -> American spelling pairs, folded by the Analyzer before stemming.")
    print("# Generated by make_spelling_variants.py; do not edit.")
    print("# Format: one pair a line, \"british american\", lowercase ASCII; '#' starts a comment.")
    for british in sorted(table):
        print(british, table[british])


if __name__ == "__main__":
    main()
