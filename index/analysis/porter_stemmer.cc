#include "index/analysis/porter_stemmer.h"

#include <utf8proc.h>

#include <string_view>

#include "index/analysis/utf8.h"

namespace nsearch::analysis {
namespace {

// The algorithm over a word of `Char` units (char for ASCII words, char16_t otherwise). The
// names follow Porter's: k is the last unit of the current stem, j the end of the stem before
// the suffix that Ends() just matched. Steps are numbered as in the paper (1a/1b, 1c, 2..5).
template <typename Char>
class PorterWord {
 public:
  explicit PorterWord(std::basic_string<Char>* b) : b_(*b), k_(static_cast<int>(b->size()) - 1) {}

  void Stem() {
    if (k_ > 1) {  // the reference departs from the paper: one- and two-letter words stay
      Step1ab();
      Step1c();
      Step2();
      Step3();
      Step4();
      Step5();
    }
    b_.resize(static_cast<size_t>(k_ + 1));
  }

 private:
  bool Consonant(int i) const {
    switch (b_[i]) {
      case 'a':
      case 'e':
      case 'i':
      case 'o':
      case 'u':
        return false;
      case 'y':
        return i == 0 ? true : !Consonant(i - 1);
      default:
        return true;
    }
  }

  // The number of vowel-consonant sequences in [0, j]: [C](VC)^m[V].
  int Measure() const {
    int n = 0;
    int i = 0;
    for (;; ++i) {
      if (i > j_) {
        return n;
      }
      if (!Consonant(i)) {
        break;
      }
    }
    ++i;
    for (;;) {
      for (;; ++i) {
        if (i > j_) {
          return n;
        }
        if (Consonant(i)) {
          break;
        }
      }
      ++i;
      ++n;
      for (;; ++i) {
        if (i > j_) {
          return n;
        }
        if (!Consonant(i)) {
          break;
        }
      }
      ++i;
    }
  }

  bool VowelInStem() const {
    for (int i = 0; i <= j_; ++i) {
      if (!Consonant(i)) {
        return true;
      }
    }
    return false;
  }

  bool DoubleConsonant(int i) const { return i >= 1 && b_[i] == b_[i - 1] && Consonant(i); }

  // Consonant-vowel-consonant ending at i, the last consonant not w, x or y ("hop", not "bow").
  bool Cvc(int i) const {
    if (i < 2 || !Consonant(i) || Consonant(i - 1) || !Consonant(i - 2)) {
      return false;
    }
    return b_[i] != 'w' && b_[i] != 'x' && b_[i] != 'y';
  }

  // Whether the stem [0, k] ends with `s`; if so, j is set before it.
  bool Ends(std::string_view s) {
    const int l = static_cast<int>(s.size());
    const int o = k_ - l + 1;
    if (o < 0) {
      return false;
    }
    for (int i = 0; i < l; ++i) {
      if (b_[o + i] != static_cast<Char>(s[i])) {
        return false;
      }
    }
    j_ = k_ - l;
    return true;
  }

  // Replaces (j, k] by `s`.
  void SetTo(std::string_view s) {
    const int l = static_cast<int>(s.size());
    const int o = j_ + 1;
    if (static_cast<size_t>(o + l) > b_.size()) {
      b_.resize(static_cast<size_t>(o + l));
    }
    for (int i = 0; i < l; ++i) {
      b_[o + i] = static_cast<Char>(s[i]);
    }
    k_ = j_ + l;
  }

  void ReplaceIfMeasured(std::string_view s) {
    if (Measure() > 0) {
      SetTo(s);
    }
  }

  // Plurals and -ed or -ing: caresses -> caress, ponies -> poni, agreed -> agree, hopping -> hop.
  void Step1ab() {
    if (b_[k_] == 's') {
      if (Ends("sses")) {
        k_ -= 2;
      } else if (Ends("ies")) {
        SetTo("i");
      } else if (b_[k_ - 1] != 's') {
        --k_;
      }
    }
    if (Ends("eed")) {
      if (Measure() > 0) {
        --k_;
      }
    } else if ((Ends("ed") || Ends("ing")) && VowelInStem()) {
      k_ = j_;
      if (Ends("at")) {
        SetTo("ate");
      } else if (Ends("bl")) {
        SetTo("ble");
      } else if (Ends("iz")) {
        SetTo("ize");
      } else if (DoubleConsonant(k_)) {
        const Char last = b_[k_];
        if (last != 'l' && last != 's' && last != 'z') {
          --k_;
        }
      } else if (Measure() == 1 && Cvc(k_)) {
        SetTo("e");
      }
    }
  }

  // A final y becomes i when the stem has a vowel: happy -> happi.
  void Step1c() {
    if (Ends("y") && VowelInStem()) {
      b_[k_] = 'i';
    }
  }

  // Double suffixes to single ones, when the stem has measure > 0.
  void Step2() {
    if (k_ == 0) {
      return;
    }
    switch (b_[k_ - 1]) {
      case 'a':
        TryReplace({{"ational", "ate"}, {"tional", "tion"}});
        break;
      case 'c':
        TryReplace({{"enci", "ence"}, {"anci", "ance"}});
        break;
      case 'e':
        TryReplace({{"izer", "ize"}});
        break;
      case 'l':  // "bli" -> "ble" departs from the paper's "abli" -> "able"
        TryReplace(
            {{"bli", "ble"}, {"alli", "al"}, {"entli", "ent"}, {"eli", "e"}, {"ousli", "ous"}});
        break;
      case 'o':
        TryReplace({{"ization", "ize"}, {"ation", "ate"}, {"ator", "ate"}});
        break;
      case 's':
        TryReplace({{"alism", "al"}, {"iveness", "ive"}, {"fulness", "ful"}, {"ousness", "ous"}});
        break;
      case 't':
        TryReplace({{"aliti", "al"}, {"iviti", "ive"}, {"biliti", "ble"}});
        break;
      case 'g':  // not in the paper
        TryReplace({{"logi", "log"}});
        break;
      default:
        break;
    }
  }

  // -ic-, -full, -ness etc.
  void Step3() {
    switch (b_[k_]) {
      case 'e':
        TryReplace({{"icate", "ic"}, {"ative", ""}, {"alize", "al"}});
        break;
      case 'i':
        TryReplace({{"iciti", "ic"}});
        break;
      case 'l':
        TryReplace({{"ical", "ic"}, {"ful", ""}});
        break;
      case 's':
        TryReplace({{"ness", ""}});
        break;
      default:
        break;
    }
  }

  // -ant, -ence etc., removed when the stem has measure > 1.
  void Step4() {
    if (k_ == 0) {
      return;
    }
    bool found = false;
    switch (b_[k_ - 1]) {
      case 'a':
        found = Ends("al");
        break;
      case 'c':
        found = Ends("ance") || Ends("ence");
        break;
      case 'e':
        found = Ends("er");
        break;
      case 'i':
        found = Ends("ic");
        break;
      case 'l':
        found = Ends("able") || Ends("ible");
        break;
      case 'n':
        found = Ends("ant") || Ends("ement") || Ends("ment") || Ends("ent");
        break;
      case 'o':
        found = (Ends("ion") && j_ >= 0 && (b_[j_] == 's' || b_[j_] == 't')) || Ends("ou");
        break;
      case 's':
        found = Ends("ism");
        break;
      case 't':
        found = Ends("ate") || Ends("iti");
        break;
      case 'u':
        found = Ends("ous");
        break;
      case 'v':
        found = Ends("ive");
        break;
      case 'z':
        found = Ends("ize");
        break;
      default:
        break;
    }
    if (found && Measure() > 1) {
      k_ = j_;
    }
  }

  // A final -e when measure > 1 (or = 1 after no cvc), and -ll to -l when measure > 1.
  void Step5() {
    j_ = k_;
    if (b_[k_] == 'e') {
      const int m = Measure();
      if (m > 1 || (m == 1 && !Cvc(k_ - 1))) {
        --k_;
      }
    }
    if (b_[k_] == 'l' && DoubleConsonant(k_) && Measure() > 1) {
      --k_;
    }
  }

  struct Rule {
    std::string_view suffix;
    std::string_view replacement;
  };
  // The first rule whose suffix ends the stem applies (if the measure allows); later rules are
  // not tried even when it does not.
  void TryReplace(std::initializer_list<Rule> rules) {
    for (const Rule& rule : rules) {
      if (Ends(rule.suffix)) {
        ReplaceIfMeasured(rule.replacement);
        return;
      }
    }
  }

  std::basic_string<Char>& b_;
  int k_;
  int j_ = 0;
};

}  // namespace

void PorterStem(std::string* word) {
  bool ascii = true;
  for (char c : *word) {
    ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  }
  if (ascii) {
    PorterWord<char>(word).Stem();
    return;
  }
  std::u16string units;
  for (size_t i = 0; i < word->size();) {
    const Utf8Char c = DecodeUtf8(std::string_view(*word).substr(i));
    i += c.length;
    if (c.code_point >= 0x10000) {
      const char32_t v = c.code_point - 0x10000;
      units.push_back(static_cast<char16_t>(0xD800 + (v >> 10)));
      units.push_back(static_cast<char16_t>(0xDC00 + (v & 0x3FF)));
    } else {
      units.push_back(static_cast<char16_t>(c.code_point));
    }
  }
  PorterWord<char16_t>(&units).Stem();
  word->clear();
  for (size_t i = 0; i < units.size(); ++i) {
    char32_t c = units[i];
    if (c >= 0xD800 && c < 0xDC00 && i + 1 < units.size()) {
      c = 0x10000 + ((c - 0xD800) << 10) + (units[++i] - 0xDC00);
    }
    utf8proc_uint8_t bytes[4];
    const utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(c), bytes);
    word->append(reinterpret_cast<const char*>(bytes), static_cast<size_t>(n));
  }
}

}  // namespace nsearch::analysis
