//! The line model's word column: what a line's words and word pairs say of it, learned.
//!
//! The line features describe a line's shape and place; its words are read only through the
//! rules and the stopword counts. Yet the words of residue recur across sites and languages
//! ("newsletter", "anmelden", "podcasts", "Beitrag", "热门推荐") where their lines' shapes
//! are an article's. The lexicon is a logistic regression over a line's words (`language::tokens`)
//! and pairs of neighbouring words, hashed into `2^bits` buckets (XXH3 of the UTF-8 text, a
//! pair's words joined by one space), trained by `training/line_model.py` with the forests
//! and shipped in the model's JSON (`"lexicon"`). Its score of a line is one more column of
//! the forests' rows (`COLUMN`): the bias plus the weights of the line's distinct buckets,
//! divided by the square root of their count (each bucket's value, as in training, is one
//! over that root). The weights are whole numbers of `scale`, so that the sum is exact in any
//! order; a line without words scores 0.

use serde_json::Value;
use xxhash_rust::xxh3::xxh3_64;

use crate::language;

/// The name of the column the lexicon adds after the core's features.
pub const COLUMN: &str = "lexical";

/// Most bits of a bucket: 2^20 weights at most.
pub const MAX_BITS: u32 = 20;

/// A trained lexicon: the weight of each bucket, in units of `scale`, and the bias. The
/// weights are 16-bit, so that 2^16 of them take 128 kB of the CPU's caches.
#[derive(Debug, Clone, PartialEq)]
pub struct Lexicon {
    bits: u32,
    scale: f64,
    bias: f64,
    weights: Vec<i16>,
}

/// The distinct buckets of a line's words and pairs of neighbouring words, sorted.
pub fn grams(text: &str, bits: u32) -> Vec<u32> {
    let (mut words, mut found) = (String::new(), Vec::new());
    language::lower_words(text, &mut words);
    grams_of_words(&words, bits, &mut found);
    found
}

/// The buckets of `grams` from a line's words as `language::lower_words` joins them, into
/// `found` (cleared first), whose room the next line reuses. A word, and a pair of
/// neighbouring words with the one space between them, are each a slice of `words`: hashed
/// where they stand, with no string made.
fn grams_of_words(words: &str, bits: u32, found: &mut Vec<u32>) {
    let mask = (1u64 << bits) - 1;
    found.clear();
    if words.is_empty() {
        return;
    }
    let bytes = words.as_bytes();
    let bucket = |slice: &[u8]| (xxh3_64(slice) & mask) as u32;
    let mut previous: Option<usize> = None;
    let mut start = 0;
    // Split at each space byte (UTF-8 never has that byte inside a character).
    for word in bytes.split(|&byte| byte == b' ') {
        let end = start + word.len();
        found.push(bucket(word));
        if let Some(before) = previous {
            found.push(bucket(&bytes[before..end]));
        }
        previous = Some(start);
        start = end + 1;
    }
    found.sort_unstable();
    found.dedup();
}

/// A line's words, as the lexicon reads them.
#[derive(Debug, Clone, Copy)]
pub enum Words<'t> {
    /// The line's text, whose words are read here.
    Text(&'t str),
    /// The words already read (`language::lower_words`), as a unit of the block scorer
    /// keeps them.
    Lowered(&'t str),
}

/// `bits` when a lexicon can have that many bits per bucket (1 to `MAX_BITS`), else the reason.
pub fn checked_bits(bits: u64) -> Result<u32, String> {
    if (1..=u64::from(MAX_BITS)).contains(&bits) {
        Ok(bits as u32)
    } else {
        Err(format!("bits must be from 1 to {MAX_BITS}, not {bits}"))
    }
}

fn number(value: &Value, key: &str) -> Result<f64, String> {
    value
        .get(key)
        .and_then(Value::as_f64)
        .filter(|n| n.is_finite())
        .ok_or_else(|| format!("the lexicon's {key:?} is not a finite number"))
}

impl Lexicon {
    /// The lexicon of its JSON object: `bits`, `scale`, `bias` and `weights` (2^bits whole
    /// numbers, each of 16 bits).
    pub fn parse(value: &Value) -> Result<Lexicon, String> {
        let bits = value
            .get("bits")
            .and_then(Value::as_u64)
            .ok_or("the lexicon's \"bits\" is not a whole number")
            .map_err(str::to_string)
            .and_then(checked_bits)
            .map_err(|e| format!("the lexicon's {e}"))?;
        let scale = number(value, "scale")?;
        let bias = number(value, "bias")?;
        let listed = value
            .get("weights")
            .and_then(Value::as_array)
            .ok_or("the lexicon has no \"weights\" list")?;
        if listed.len() as u64 != 1 << bits {
            return Err(format!(
                "the lexicon has {} weights, not 2^{bits}",
                listed.len()
            ));
        }
        let weights = listed
            .iter()
            .map(|w| {
                w.as_i64()
                    .and_then(|w| i16::try_from(w).ok())
                    .ok_or("a lexicon weight is not a whole number of 16 bits")
            })
            .collect::<Result<Vec<i16>, _>>()?;
        Ok(Lexicon {
            bits,
            scale,
            bias,
            weights,
        })
    }

    /// The lexicon's score of one line (0 without words).
    pub fn score(&self, text: &str) -> f32 {
        self.score_with(Words::Text(text), &mut Scratch::default())
    }

    /// `score` of a line's words, with `scratch` as room that the next line reuses.
    pub fn score_with(&self, words: Words, scratch: &mut Scratch) -> f32 {
        let words = match words {
            Words::Lowered(words) => words,
            Words::Text(text) => {
                language::lower_words(text, &mut scratch.words);
                &scratch.words
            }
        };
        let buckets = &mut scratch.buckets;
        grams_of_words(words, self.bits, buckets);
        if buckets.is_empty() {
            return 0.0;
        }
        let sum: i64 = buckets
            .iter()
            .map(|&b| i64::from(self.weights[b as usize]))
            .sum();
        (self.bias + self.scale * sum as f64 / (buckets.len() as f64).sqrt()) as f32
    }
}

/// Room for scoring lines one after another: a line's words and its buckets.
#[derive(Debug, Default)]
pub struct Scratch {
    words: String,
    buckets: Vec<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(bits: u32, weights: Vec<i16>) -> Lexicon {
        Lexicon {
            bits,
            scale: 0.5,
            bias: -1.0,
            weights,
        }
    }

    #[test]
    fn grams_are_the_distinct_buckets_of_words_and_pairs() {
        assert!(grams("", 8).is_empty());
        assert!(grams("— 42 —", 8).is_empty());
        let one = grams("Newsletter", 16);
        assert_eq!(one.len(), 1);
        assert_eq!(one, grams("NEWSLETTER!", 16));
        // Two words and their pair; the same words again add nothing.
        let two = grams("Jetzt anmelden", 16);
        assert_eq!(two.len(), 3);
        assert_eq!(grams("jetzt anmelden jetzt anmelden", 16).len(), 4);
        assert!(grams("Jetzt anmelden", 2).iter().all(|&b| b < 4));
        assert!(two.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_line_scores_its_buckets_over_the_root_of_their_count() {
        let bits = 4;
        let mut weights = vec![0; 16];
        for bucket in grams("Jetzt anmelden", bits) {
            weights[bucket as usize] += 2;
        }
        let lex = lexicon(bits, weights);
        let count = grams("Jetzt anmelden", bits).len() as f64;
        let sum: f64 = grams("Jetzt anmelden", bits)
            .iter()
            .map(|&b| f64::from(lex.weights[b as usize]))
            .sum();
        let expected = (-1.0 + 0.5 * sum / count.sqrt()) as f32;
        assert_eq!(lex.score("Jetzt anmelden"), expected);
        assert_eq!(lex.score("…"), 0.0);
    }

    #[test]
    fn words_read_already_score_as_the_text_does() {
        let mut weights = vec![0; 1 << 8];
        for (at, w) in weights.iter_mut().enumerate() {
            *w = (at as i16 % 7) - 3;
        }
        let lex = lexicon(8, weights);
        let mut scratch = Scratch::default();
        for text in [
            "",
            "— 42 —",
            "Jetzt ANMELDEN",
            "Die Straße, ΟΔΟΣ und l’équipe's Zei\u{ad}tung",
        ] {
            let mut words = String::new();
            language::lower_words(text, &mut words);
            assert_eq!(
                lex.score_with(Words::Lowered(&words), &mut scratch),
                lex.score(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_bad_lexicon_is_an_error() {
        let good =
            serde_json::json!({"bits": 2, "scale": 0.5, "bias": 0.0, "weights": [0, 1, -1, 2]});
        assert_eq!(
            Lexicon::parse(&good).unwrap(),
            lexicon(2, vec![0, 1, -1, 2]).clone_with_bias(0.0)
        );
        for bad in [
            serde_json::json!({"bits": 2, "scale": 0.5, "bias": 0.0, "weights": [0, 1, -1]}),
            serde_json::json!({"bits": 0, "scale": 0.5, "bias": 0.0, "weights": [0]}),
            serde_json::json!({"bits": 2, "scale": "x", "bias": 0.0, "weights": [0, 1, -1, 2]}),
            serde_json::json!({"bits": 2, "scale": 0.5, "bias": 0.0, "weights": [0, 1, -1, 2.5]}),
            serde_json::json!({"bits": 2, "scale": 0.5, "bias": 0.0, "weights": [0, 1, -1, 40_000]}),
            serde_json::json!({"bits": 2, "scale": 0.5, "weights": [0, 1, -1, 2]}),
        ] {
            assert!(Lexicon::parse(&bad).is_err(), "{bad}");
        }
    }

    impl Lexicon {
        fn clone_with_bias(mut self, bias: f64) -> Lexicon {
            self.bias = bias;
            self
        }
    }
}
