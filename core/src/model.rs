//! The learned line model: two forests of gradient-boosted trees, evaluated on the line
//! features (`features::line_features`), that score how likely each line is article text.
//!
//! The model is data (`cleaner/models/line_model.json`, written by
//! `training/line_model.py`): the first forest scores each line from its own features; the
//! second reads the same features and the first forest's scores of the line and of its
//! neighbours with text (`context_rows`), and its score is the line's. Evaluation is what the training library does, step for step, so that a line gets
//! the score it had in training: each feature (an `f32`) is compared as an `f64` with the
//! split's threshold (at most the threshold goes left); a forest's raw score is its baseline
//! plus its trees' leaves in tree order; the score is the logistic function of that; the
//! first forest's scores reach the second as `f32`.
//!
//! A line's evidence is where its score came from: along each tree's path, the change of
//! node value at a split is credited to the split's feature (node values are the means of
//! the leaves under them, written by the training script), and the features with the
//! largest credits against the line (a removed line) or for it (a kept line, which
//! `cleaner explain` shows) are named.

use serde_json::Value;

pub use crate::lexicon::Words;
use crate::lexicon::{self, Lexicon, Scratch};

/// One node of a tree, in 12 bytes so that a tree stays in the nearest cache: a split (a
/// line whose feature is at most the threshold goes left) or a leaf, which goes to itself
/// whatever the line (`LEAF_THRESHOLD`, both children itself), so that a walk can take the
/// tree's depth in steps without testing for leaves, and no step is a branch to mispredict.
/// A split's threshold is the training library's `f64` one rounded down to an `f32`
/// (`below`): for a feature `x: f32`, `x <= below(t)` exactly when `f64::from(x) <= t`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Node {
    threshold: f32,
    feature: u16,
    left: u16,
    right: u16,
}

/// How many rows `Forest::scores` walks side by side.
const LANES: usize = 8;

/// A leaf's threshold: every feature (never NaN) is at most it, and both ways lead back.
const LEAF_THRESHOLD: f32 = f32::INFINITY;

impl Node {
    fn is_leaf(&self, at: usize) -> bool {
        usize::from(self.left) == at
    }
}

/// The largest `f32` that is at most `value` (a finite `f64`).
fn below(value: f64) -> f32 {
    let near = value as f32;
    if f64::from(near) <= value {
        return near;
    }
    // One step down from `near`, which is above `value` and so not the smallest f32.
    let bits = near.to_bits();
    if near > 0.0 {
        f32::from_bits(bits - 1)
    } else if near == 0.0 {
        -f32::from_bits(1)
    } else {
        f32::from_bits(bits + 1)
    }
}

/// One tree, its root first; every split's children come after it, so a walk ends, at the
/// latest after `depth` steps. `values` holds by node a leaf's score, or for a split the
/// mean of the leaves under it (what the evidence reads).
#[derive(Debug, Clone, PartialEq)]
struct Tree {
    nodes: Vec<Node>,
    values: Vec<f64>,
    depth: usize,
    /// By node, where its walk's credits are in `credits` (a leaf's; empty for a split).
    paths: Vec<(u32, u32)>,
    /// The credits of the walk to each leaf, root first: each split's column and the change
    /// of value from it to the child the walk goes to. A leaf stands for one walk, so the
    /// evidence of a line adds up its leaves' credits instead of walking the trees again.
    credits: Vec<(u16, f64)>,
}

impl Tree {
    /// The node after `at` on `row`'s walk (a leaf itself).
    fn step(&self, at: usize, row: &[f32]) -> usize {
        let node = &self.nodes[at];
        let next = if row[usize::from(node.feature)] <= node.threshold {
            node.left
        } else {
            node.right
        };
        usize::from(next)
    }

    /// The index of the leaf `row` reaches (`Forest::scores` walks many rows at once).
    #[cfg(test)]
    fn leaf(&self, row: &[f32]) -> usize {
        let mut at = 0;
        for _ in 0..self.depth {
            at = self.step(at, row);
        }
        at
    }

    /// Add to `credits` (by column) each split's change of value on the walk to `leaf`, in
    /// the order of the walk.
    fn credit_leaf(&self, leaf: usize, credits: &mut [f64]) {
        let (from, to) = self.paths[leaf];
        for &(column, change) in &self.credits[from as usize..to as usize] {
            credits[usize::from(column)] += change;
        }
    }

    /// Add to `credits` (by column) each split's change of value along `row`'s path
    /// (`credit_leaf` adds the same from the leaf the row reaches).
    #[cfg(test)]
    fn credit(&self, row: &[f32], credits: &mut [f64]) {
        let mut at = 0;
        while !self.nodes[at].is_leaf(at) {
            let next = self.step(at, row);
            credits[usize::from(self.nodes[at].feature)] += self.values[next] - self.values[at];
            at = next;
        }
    }
}

/// By node, where the credits of the walk to it start and end in the list returned (empty
/// for a split): each split's column and change of value on the walk from the root to each
/// leaf, root first. Every node but the root must have one parent (a tree), so that a leaf
/// stands for one walk; `nodes` has its children after their parents.
fn leaf_paths(nodes: &[Node], values: &[f64]) -> Result<LeafPaths, String> {
    let mut parent: Vec<Option<usize>> = vec![None; nodes.len()];
    for (at, node) in nodes.iter().enumerate() {
        if !node.is_leaf(at) {
            for child in [usize::from(node.left), usize::from(node.right)] {
                if parent[child].replace(at).is_some() || child == 0 {
                    return Err(format!("node {child} has more than one parent"));
                }
            }
        }
    }
    let mut paths = vec![(0u32, 0u32); nodes.len()];
    let mut credits: Vec<(u16, f64)> = Vec::new();
    for (at, node) in nodes.iter().enumerate() {
        if !node.is_leaf(at) || (at != 0 && parent[at].is_none()) {
            continue;
        }
        let from = credits.len();
        let mut child = at;
        while let Some(up) = parent[child] {
            credits.push((nodes[up].feature, values[child] - values[up]));
            child = up;
        }
        credits[from..].reverse();
        let span = |n: usize| u32::try_from(n).map_err(|e| format!("too many credits: {e}"));
        paths[at] = (span(from)?, span(credits.len())?);
    }
    Ok((paths, credits))
}

type LeafPaths = (Vec<(u32, u32)>, Vec<(u16, f64)>);

/// The depth of `nodes` (children after parents): the most splits on a walk from the root.
fn depth(nodes: &[Node]) -> usize {
    let mut depths = vec![0; nodes.len()];
    for (at, node) in nodes.iter().enumerate() {
        if !node.is_leaf(at) {
            for child in [node.left, node.right] {
                depths[usize::from(child)] = depths[at] + 1;
            }
        }
    }
    depths.into_iter().max().unwrap_or(0)
}

/// A forest: a baseline and trees whose leaves add up to a raw score (log-odds).
#[derive(Debug, Clone, PartialEq)]
struct Forest {
    baseline: f64,
    trees: Vec<Tree>,
}

fn logistic(raw: f64) -> f64 {
    1.0 / (1.0 + (-raw).exp())
}

impl Forest {
    /// One row's score (`scores` gives the same for every row at once).
    #[cfg(test)]
    fn score(&self, row: &[f32]) -> f64 {
        let mut raw = self.baseline;
        for tree in &self.trees {
            raw += tree.values[tree.leaf(row)];
        }
        logistic(raw)
    }

    /// The score of each row of `matrix` (rows of `width` columns, one after another):
    /// tree by tree over all the rows, so that one tree at a time is read, and `LANES` rows
    /// walked a step at a time side by side, so that their walks overlap; each row's sum is
    /// taken in tree order, as `score` takes it.
    fn scores(&self, matrix: &[f32], width: usize) -> Vec<f64> {
        self.walk(matrix, width, None)
    }

    /// `scores`, and with `leaves` the leaf each row reaches in each tree, by row then tree
    /// (`leaves` is resized to rows × trees).
    fn walk(&self, matrix: &[f32], width: usize, mut leaves: Option<&mut Vec<u16>>) -> Vec<f64> {
        let rows = matrix.len().checked_div(width).unwrap_or(0);
        let trees = self.trees.len();
        if let Some(leaves) = leaves.as_deref_mut() {
            leaves.clear();
            leaves.resize(rows * trees, 0);
        }
        let mut raw = vec![self.baseline; rows];
        for (t, tree) in self.trees.iter().enumerate() {
            for (chunk, (sums, block)) in raw
                .chunks_mut(LANES)
                .zip(matrix.chunks(LANES * width))
                .enumerate()
            {
                let mut at = [0usize; LANES];
                let used = sums.len();
                for _ in 0..tree.depth {
                    for (lane, row) in block.chunks_exact(width).enumerate() {
                        at[lane] = tree.step(at[lane], row);
                    }
                    // Most walks end well before the tree's deepest leaf: stop once every
                    // row of the chunk stands on a leaf (a leaf steps to itself).
                    if at[..used]
                        .iter()
                        .all(|&node| tree.nodes[node].is_leaf(node))
                    {
                        break;
                    }
                }
                for (sum, &leaf) in sums.iter_mut().zip(&at) {
                    *sum += tree.values[leaf];
                }
                if let Some(leaves) = leaves.as_deref_mut() {
                    for (lane, &leaf) in at.iter().take(sums.len()).enumerate() {
                        // A leaf's index is a node's, below `u16::MAX` (`parse_tree`).
                        leaves[(chunk * LANES + lane) * trees + t] = leaf as u16;
                    }
                }
            }
        }
        raw.into_iter().map(logistic).collect()
    }
}

/// The shipped model: the feature names it was trained on, its context, its threshold and
/// its two forests.
#[derive(Debug, Clone, PartialEq)]
pub struct LineModel {
    /// The first forest's columns (`features::NAMES` when the model fits this core, then
    /// `lexicon::COLUMN` when it has a lexicon).
    pub features: Vec<String>,
    /// The lexicon whose score of each line is the last of `features`, if the model has one.
    pub lexicon: Option<Lexicon>,
    /// The second forest's columns: the features, then `CONTEXT_NAMES`.
    pub second_features: Vec<String>,
    /// Lines scored below it are not article.
    pub threshold: f64,
    first: Forest,
    second: Forest,
}

/// The second forest's columns after the features: the first forest's score of the line
/// and of its neighbours with text (`context_rows`).
pub const CONTEXT_NAMES: [&str; 7] = [
    "score",
    "score_before_1",
    "score_after_1",
    "score_before_2",
    "score_after_2",
    "score_before_3",
    "score_after_3",
];

/// The neighbours (in lines with text, each side) whose scores are columns of their own.
const NEIGHBOURS: [usize; 3] = [1, 2, 3];

/// The `CONTEXT_NAMES` columns of every line (zeros for a blank line), from the first
/// forest's score of each line (`firsts`, by line; a blank line's is not read): the line's
/// own score and those of its neighbours with text, 0 past the page's edges. One
/// implementation, which the training script calls too, so that both read the same values.
/// (Mean scores of windows, of the line's block and of the page, and the span of lines the
/// scores make, measured no better on held-out pages than the neighbours alone.)
pub fn context_rows(firsts: &[f32], blank: &[bool]) -> Vec<[f32; CONTEXT_NAMES.len()]> {
    let texts: Vec<usize> = (0..firsts.len()).filter(|&i| !blank[i]).collect();
    let scores: Vec<f32> = texts.iter().map(|&i| firsts[i]).collect();
    let mut rows = vec![[0.0f32; CONTEXT_NAMES.len()]; firsts.len()];
    for (at, &line) in texts.iter().enumerate() {
        let row = &mut rows[line];
        row[0] = scores[at];
        for (k, &distance) in NEIGHBOURS.iter().enumerate() {
            if let Some(before) = at.checked_sub(distance) {
                row[1 + 2 * k] = scores[before];
            }
            if let Some(&after) = scores.get(at + distance) {
                row[2 + 2 * k] = after;
            }
        }
    }
    rows
}

/// Which lines' features a score of the lines with text that `wanted` asks for reads: those
/// lines and the lines with text up to `NEIGHBOURS` away from them (whose first scores are
/// their context).
pub fn needed_lines(blank: &[bool], wanted: impl Fn(usize) -> bool) -> Vec<bool> {
    let reach = NEIGHBOURS[NEIGHBOURS.len() - 1];
    let texts: Vec<usize> = (0..blank.len()).filter(|&i| !blank[i]).collect();
    let mut needed = vec![false; blank.len()];
    // The last text position flagged so far, so that each line is flagged once.
    let mut flagged_to = 0;
    for (at, &line) in texts.iter().enumerate() {
        if wanted(line) {
            let from = at.saturating_sub(reach).max(flagged_to);
            let to = (at + reach + 1).min(texts.len());
            for &near in &texts[from.min(to)..to] {
                needed[near] = true;
            }
            flagged_to = flagged_to.max(to);
        }
    }
    needed
}

/// The first forest's score of every line, and what the second reads of each line's
/// surroundings (`context_rows`).
#[derive(Debug, Clone, PartialEq)]
pub struct Neighbourhood {
    /// By line (0 for a blank line).
    firsts: Vec<f32>,
    context: Vec<[f32; CONTEXT_NAMES.len()]>,
    /// By line, its row among the lines with text (`usize::MAX` for a blank line).
    row: Vec<usize>,
    /// The leaf each line with text reaches in each tree of the first forest, by row then
    /// tree: what the evidence reads.
    leaves: Vec<u16>,
}

/// Which credits a verdict names: those that pulled the line's score down (a removed
/// line's evidence) or those that held it up (a kept line's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Against,
    For,
}

/// A line's score, what it scored on its own features, and the features that pulled it
/// down most (`Side::Against`) or held it up most (`Side::For`), with their values and
/// credits.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict<'a> {
    pub score: f64,
    pub alone: f32,
    pub side: Side,
    pub credits: Vec<(&'a str, f32, f64)>,
}

fn field<'a>(value: &'a Value, key: &str) -> Result<&'a Value, String> {
    value.get(key).ok_or_else(|| format!("no {key:?}"))
}

fn number(value: &Value, what: &str) -> Result<f64, String> {
    value
        .as_f64()
        .filter(|n| n.is_finite())
        .ok_or_else(|| format!("{what} is not a finite number"))
}

fn index(value: &Value, what: &str) -> Result<usize, String> {
    value
        .as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| format!("{what} is not an index"))
}

fn names(value: &Value, key: &str) -> Result<Vec<String>, String> {
    field(value, key)?
        .as_array()
        .ok_or_else(|| format!("{key:?} is not a list"))?
        .iter()
        .map(|n| {
            n.as_str()
                .map(str::to_string)
                .ok_or_else(|| format!("{key:?} holds a non-string"))
        })
        .collect()
}

fn parse_tree(value: &Value, columns: usize, at: usize) -> Result<Tree, String> {
    let list = value
        .as_array()
        .filter(|l| !l.is_empty())
        .ok_or_else(|| format!("tree {at} is not a list of nodes"))?;
    if list.len() > usize::from(u16::MAX) {
        return Err(format!("tree {at} has more than {} nodes", u16::MAX));
    }
    let mut tree = Tree {
        nodes: Vec::with_capacity(list.len()),
        values: Vec::with_capacity(list.len()),
        depth: 0,
        paths: Vec::new(),
        credits: Vec::new(),
    };
    for (n, node) in list.iter().enumerate() {
        let what = format!("tree {at}, node {n}");
        let parts = node
            .as_array()
            .ok_or_else(|| format!("{what} is not a list"))?;
        let (node, value) = match parts.as_slice() {
            [value] => {
                // `n` is below `list.len()`, checked to fit.
                let at = u16::try_from(n).map_err(|e| format!("{what}: {e}"))?;
                let leaf = Node {
                    threshold: LEAF_THRESHOLD,
                    feature: 0,
                    left: at,
                    right: at,
                };
                (leaf, value)
            }
            [feature, threshold, left, right, value] => {
                let (feature, left, right) = (
                    index(feature, &what)?,
                    index(left, &what)?,
                    index(right, &what)?,
                );
                if feature >= columns {
                    return Err(format!("{what} splits on column {feature} of {columns}"));
                }
                if left <= n || right <= n || left >= list.len() || right >= list.len() {
                    return Err(format!("{what} has a child out of order or out of range"));
                }
                // All three are below `list.len()` or `columns`, checked to fit.
                let small = |index: usize| u16::try_from(index).map_err(|e| format!("{what}: {e}"));
                let split = Node {
                    threshold: below(number(threshold, &what)?),
                    feature: small(feature)?,
                    left: small(left)?,
                    right: small(right)?,
                };
                (split, value)
            }
            _ => return Err(format!("{what} is neither a leaf nor a split")),
        };
        tree.nodes.push(node);
        tree.values.push(number(value, &what)?);
    }
    tree.depth = depth(&tree.nodes);
    (tree.paths, tree.credits) =
        leaf_paths(&tree.nodes, &tree.values).map_err(|e| format!("tree {at}: {e}"))?;
    Ok(tree)
}

fn parse_forest(value: &Value, columns: usize, name: &str) -> Result<Forest, String> {
    let trees = field(value, "trees")?
        .as_array()
        .ok_or_else(|| format!("{name}: \"trees\" is not a list"))?
        .iter()
        .enumerate()
        .map(|(at, tree)| parse_tree(tree, columns, at))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("{name}: {e}"))?;
    Ok(Forest {
        baseline: number(field(value, "baseline")?, &format!("{name}'s baseline"))?,
        trees,
    })
}

impl LineModel {
    /// The model of its JSON text, checked: its columns must be `expected` (the features this
    /// core computes), every split must name one of them, every child follow its parent.
    pub fn parse(text: &str, expected: &[&str]) -> Result<LineModel, String> {
        let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if value.get("format").and_then(Value::as_u64) != Some(1) {
            return Err("not a line model of format 1".to_string());
        }
        let features = names(&value, "features")?;
        let lexicon = value.get("lexicon").map(Lexicon::parse).transpose()?;
        let expected: Vec<&str> = expected
            .iter()
            .copied()
            .chain(lexicon.as_ref().map(|_| lexicon::COLUMN))
            .collect();
        if features != expected {
            return Err(format!(
                "its features are not this core's ({} columns against {})",
                features.len(),
                expected.len()
            ));
        }
        let second_features = names(&value, "second_features")?;
        if second_features.len() != features.len() + CONTEXT_NAMES.len()
            || second_features[..features.len()] != features[..]
            || second_features[features.len()..] != CONTEXT_NAMES
        {
            return Err(
                "its \"second_features\" are not its features and this core's context columns"
                    .to_string(),
            );
        }
        let threshold = number(field(&value, "threshold")?, "the threshold")?;
        Ok(LineModel {
            first: parse_forest(field(&value, "first")?, features.len(), "first")?,
            second: parse_forest(field(&value, "second")?, second_features.len(), "second")?,
            features,
            lexicon,
            second_features,
            threshold,
        })
    }

    /// `matrix` (rows of the core's `own` feature columns, one per line) with the lexicon's
    /// column added to each row, when the model has a lexicon: each line's score of its text
    /// (`text`, by index) where `needed` flags it, 0 elsewhere (a row not read). Without a
    /// lexicon, `matrix` as it is.
    pub fn with_lexicon<'t>(
        &self,
        matrix: Vec<f32>,
        own: usize,
        needed: &[bool],
        words: impl Fn(usize) -> Words<'t>,
    ) -> Vec<f32> {
        let Some(lexicon) = &self.lexicon else {
            return matrix;
        };
        let mut wide = Vec::with_capacity(matrix.len() + needed.len());
        let mut scratch = Scratch::default();
        for (line, row) in matrix.chunks_exact(own).enumerate() {
            wide.extend_from_slice(row);
            wide.push(if needed[line] {
                lexicon.score_with(words(line), &mut scratch)
            } else {
                0.0
            });
        }
        wide
    }

    /// The first forest's score of every line with text that `needed` flags (the others
    /// score 0), and the context columns.
    fn first_scores(&self, matrix: &[f32], blank: &[bool], needed: &[bool]) -> Neighbourhood {
        let width = self.features.len();
        let texts: Vec<usize> = (0..blank.len())
            .filter(|&i| !blank[i] && needed[i])
            .collect();
        let mut compact = Vec::with_capacity(texts.len() * width);
        for &line in &texts {
            compact.extend_from_slice(&matrix[line * width..(line + 1) * width]);
        }
        let mut leaves = Vec::new();
        let mut firsts = vec![0.0f32; blank.len()];
        let mut row = vec![usize::MAX; blank.len()];
        let scores = self.first.walk(&compact, width, Some(&mut leaves));
        for (at, (&line, score)) in texts.iter().zip(scores).enumerate() {
            firsts[line] = score as f32;
            row[line] = at;
        }
        let context = context_rows(&firsts, blank);
        Neighbourhood {
            firsts,
            context,
            row,
            leaves,
        }
    }

    /// Line `line`'s row of the second forest, into `wide`: its features, then its context.
    fn stacked_into(&self, row: &[f32], near: &Neighbourhood, line: usize, wide: &mut Vec<f32>) {
        wide.clear();
        wide.extend_from_slice(row);
        wide.extend_from_slice(&near.context[line]);
    }

    /// Every line's score (blank lines score 0). `matrix` holds the lines' features, one row
    /// of the model's columns after another, `blank` one flag per row.
    pub fn scores(&self, matrix: &[f32], blank: &[bool]) -> Vec<f64> {
        self.scores_of(matrix, blank, |_| true).0
    }

    /// The scores of the lines with text that `wanted` asks for (by index; the others
    /// score 0), and the neighbourhood `verdicts` reads. The rows of `matrix` read are
    /// those of `needed_lines(blank, wanted)`: the lines asked for and their neighbours,
    /// whose first scores they read.
    pub fn scores_of(
        &self,
        matrix: &[f32],
        blank: &[bool],
        wanted: impl Fn(usize) -> bool,
    ) -> (Vec<f64>, Neighbourhood) {
        let own = self.features.len();
        let near = self.first_scores(matrix, blank, &needed_lines(blank, &wanted));
        let width = self.second_features.len();
        let lines: Vec<usize> = (0..blank.len())
            .filter(|&line| !blank[line] && wanted(line))
            .collect();
        let mut wide_matrix = Vec::with_capacity(lines.len() * width);
        let mut wide = Vec::with_capacity(width);
        for &line in &lines {
            self.stacked_into(
                &matrix[line * own..(line + 1) * own],
                &near,
                line,
                &mut wide,
            );
            wide_matrix.extend_from_slice(&wide);
        }
        let mut scores = vec![0.0; blank.len()];
        for (line, score) in lines
            .into_iter()
            .zip(self.second.scores(&wide_matrix, width))
        {
            scores[line] = score;
        }
        (scores, near)
    }

    /// Why each of `lines` (with text) scored as it did: its score (`scores`, by line),
    /// what its own features scored it (the first forest's score, before its neighbours
    /// are read), and up to `most` of its own features whose credits in the first forest
    /// pulled it down, largest first (ties by column order). Tree by tree, as `scores`, from
    /// the leaves the first forest's walk reached (`Neighbourhood`). Each verdict is handed
    /// to `each` in turn, in one buffer that the next one reuses.
    #[allow(clippy::too_many_arguments)]
    pub fn each_verdict<'a>(
        &'a self,
        matrix: &[f32],
        near: &Neighbourhood,
        lines: &[usize],
        scores: &[f64],
        most: usize,
        side: Side,
        mut each: impl FnMut(&Verdict<'a>),
    ) {
        let width = self.features.len();
        let trees = self.first.trees.len();
        let mut credit = vec![0.0; width];
        let mut named: Vec<(usize, f64)> = Vec::with_capacity(most + 1);
        let mut verdict = Verdict {
            score: 0.0,
            alone: 0.0,
            side,
            credits: Vec::with_capacity(most),
        };
        for &line in lines {
            credit.fill(0.0);
            // A line the first forest did not score (blank, or not asked for) has no leaves,
            // and its verdict no credits.
            if let Some(leaves) = near.row.get(line).and_then(|&row| {
                let end = row.checked_add(1)?.checked_mul(trees)?;
                near.leaves.get(end - trees..end)
            }) {
                for (tree, &leaf) in self.first.trees.iter().zip(leaves) {
                    tree.credit_leaf(usize::from(leaf), &mut credit);
                }
            }
            most_credited(&credit, most, side, &mut named);
            let row = &matrix[line * width..(line + 1) * width];
            verdict.score = scores[line];
            verdict.alone = near.firsts[line];
            verdict.credits.clear();
            verdict.credits.extend(
                named
                    .iter()
                    .map(|&(column, credit)| (self.features[column].as_str(), row[column], credit)),
            );
            each(&verdict);
        }
    }

    /// `each_verdict`'s verdicts, in a list.
    pub fn verdicts(
        &self,
        matrix: &[f32],
        near: &Neighbourhood,
        lines: &[usize],
        scores: &[f64],
        most: usize,
        side: Side,
    ) -> Vec<Verdict<'_>> {
        let mut all = Vec::with_capacity(lines.len());
        self.each_verdict(matrix, near, lines, scores, most, side, |v| {
            all.push(v.clone())
        });
        all
    }
}

/// Into `named`, the (column, credit) of the `most` most negative of `credits`
/// (`Side::Against`) or most positive (`Side::For`), largest first, ties by column: the
/// first `most` of those credits sorted so, kept in one pass over the columns rather than
/// sorting them all.
fn most_credited(credits: &[f64], most: usize, side: Side, named: &mut Vec<(usize, f64)>) {
    named.clear();
    // The credits of the side, made negative: the most negative first either way.
    let key = |credit: f64| match side {
        Side::Against => credit,
        Side::For => -credit,
    };
    for (column, &credit) in credits.iter().enumerate() {
        if key(credit) >= 0.0 || credit.is_nan() {
            continue;
        }
        // Columns come in order, so a tie goes after the ones already kept.
        let at = named.partition_point(|&(_, kept)| key(kept).total_cmp(&key(credit)).is_le());
        if at < most {
            named.insert(at, (column, credit));
            named.truncate(most);
        }
    }
}

impl Verdict<'_> {
    /// The evidence: `score 0.083 < 0.20 (alone 0.10); against: stop_density=0 (-0.92),
    /// ...` for a removal, `score 0.912 >= 0.20 (alone 0.88); for: prose_before=1 (+0.41),
    /// ...` for a kept line (the comparison is the score's with the threshold, the credits
    /// the verdict's side).
    pub fn evidence(&self, threshold: f64) -> String {
        let mut text = String::with_capacity(160);
        text.push_str("score ");
        push_fixed(&mut text, self.score, 3, false);
        text.push_str(if self.score < threshold {
            " < "
        } else {
            " >= "
        });
        push_fixed(&mut text, threshold, 2, false);
        text.push_str(" (alone ");
        push_fixed(&mut text, f64::from(self.alone), 2, false);
        text.push_str(match self.side {
            Side::Against => "); against:",
            Side::For => "); for:",
        });
        for (at, (name, value, credit)) in self.credits.iter().enumerate() {
            text.push_str(if at == 0 { " " } else { ", " });
            text.push_str(name);
            text.push('=');
            // A feature value in few characters: a whole number as one, others with two
            // decimals.
            let places = if value.fract() == 0.0 { 0 } else { 2 };
            push_fixed(&mut text, f64::from(*value), places, false);
            text.push_str(" (");
            push_fixed(&mut text, *credit, 2, true);
            text.push(')');
        }
        text
    }
}

/// `value` with `places` decimals (at most 6), rounded half to even, a `+` before a
/// value that is not negative when `sign`: what `format!("{value:.N}")` writes, without its
/// exact decimal expansion (most of the time of writing evidence), save where scaling the
/// value rounds it onto a tie, and that a negative value which rounds to zero keeps its
/// sign.
fn push_fixed(out: &mut String, value: f64, places: u32, sign: bool) {
    use std::fmt::Write;
    let scale = 10u64.pow(places.min(6));
    let scaled = (value.abs() * scale as f64).round_ties_even();
    if !scaled.is_finite() || scaled >= 1e15 {
        // Writing to a String cannot fail.
        let _ = if sign {
            write!(out, "{value:+.*}", places as usize)
        } else {
            write!(out, "{value:.*}", places as usize)
        };
        return;
    }
    let units = scaled as u64;
    if value.is_sign_negative() {
        out.push('-');
    } else if sign {
        out.push('+');
    }
    push_digits(out, units / scale, 1);
    if places > 0 {
        out.push('.');
        push_digits(out, units % scale, places.min(6) as usize);
    }
}

/// `value` in decimal, zero-padded to at least `width` digits: `format!("{value:0width$}")`
/// without the formatting machinery, which took most of the time of writing evidence.
fn push_digits(out: &mut String, mut value: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut at = digits.len();
    while value > 0 || digits.len() - at < width {
        at -= 1;
        digits[at] = b'0' + (value % 10) as u8;
        value /= 10;
    }
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A model of two features whose first forest splits on `a` and second on the score.
    fn tiny() -> String {
        let second: Vec<&str> = ["a", "b"].into_iter().chain(CONTEXT_NAMES).collect();
        r#"{"format": 1, "features": ["a", "b"],
            "second_features": SECOND,
            "threshold": 0.5, "trained_on": {},
            "first": {"baseline": 0.0, "trees": [[[0, 0.5, 1, 2, 0.0], [-2.0], [2.0]]]},
            "second": {"baseline": 0.1, "trees": [
                [[2, 0.5, 1, 2, 0.0], [-1.0], [1.0]],
                [[3, 0.5, 1, 2, 0.0], [-0.5], [0.5]]
            ]}}"#
            .replace("SECOND", &serde_json::to_string(&second).unwrap())
    }

    #[test]
    fn a_model_scores_as_its_trees_say() {
        let model = LineModel::parse(&tiny(), &["a", "b"]).unwrap();
        let rows = [[1.0, 0.0], [0.0, 0.0], [0.0, 0.0], [1.0, 0.0]];
        let blank = [false, true, false, false];
        let scores = model.scores(&rows.concat(), &blank);
        let (_, near) = model.scores_of(&rows.concat(), &blank, |_| true);
        let stacked = |line: usize| {
            let mut wide = Vec::new();
            model.stacked_into(&rows[line], &near, line, &mut wide);
            wide
        };
        let first_hi = logistic(2.0) as f32;
        let first_lo = logistic(-2.0) as f32;
        // Line 0: its own first score is high, nothing before it; line 2's neighbours are
        // lines 0 and 3 (the blank line is skipped).
        assert_eq!(stacked(0)[2..5], [first_hi, 0.0, first_lo]);
        assert_eq!(stacked(2)[2..5], [first_lo, first_hi, first_hi]);
        assert_eq!(stacked(1)[2..], [0.0; CONTEXT_NAMES.len()]);
        // Lines not asked for are not scored.
        let (some, _) = model.scores_of(&rows.concat(), &blank, |line| line == 2);
        assert_eq!(some, [0.0, 0.0, scores[2], 0.0]);
        assert_eq!(scores[0], logistic(0.1 + 1.0 - 0.5));
        assert_eq!(scores[2], logistic(0.1 - 1.0 + 0.5));
        assert_eq!(scores[1], 0.0);
        // The threshold is inclusive on the left.
        let tree = &model.first.trees[0];
        assert_eq!(tree.depth, 1);
        assert_eq!(model.second.trees[1].depth, 1);
        assert_eq!(tree.values[tree.leaf(&[0.5, 0.0])], -2.0);
        // Row by row and all rows at once, the same sums.
        let matrix: Vec<f32> = rows.concat();
        let each: Vec<f64> = rows.iter().map(|r| model.first.score(r)).collect();
        assert_eq!(model.first.scores(&matrix, 2), each);
    }

    /// A first forest of two trees three splits deep on three features, whose leaves hold
    /// their own values.
    fn deeper() -> String {
        let second: Vec<&str> = ["a", "b", "c"].into_iter().chain(CONTEXT_NAMES).collect();
        r#"{"format": 1, "features": ["a", "b", "c"],
            "second_features": SECOND,
            "threshold": 0.5, "trained_on": {},
            "first": {"baseline": 0.0, "trees": [
                [[0, 0.5, 1, 2, 0.1], [1, 0.3, 3, 4, -0.4], [2, 0.7, 5, 6, 0.6],
                 [-1.0], [2, 0.2, 7, 8, 0.2], [0.25], [1.5], [-0.5], [0.75]],
                [[2, 0.1, 1, 2, -0.2], [-0.9], [0, 0.9, 3, 4, 0.3], [0.1], [1.1]]
            ]},
            "second": {"baseline": 0.0, "trees": [[[3, 0.5, 1, 2, 0.0], [-1.0], [1.0]]]}}"#
            .replace("SECOND", &serde_json::to_string(&second).unwrap())
    }

    #[test]
    fn a_leafs_credits_are_those_of_the_walk_to_it() {
        let model = LineModel::parse(&deeper(), &["a", "b", "c"]).unwrap();
        let steps = [0.0f32, 0.1, 0.2, 0.25, 0.3, 0.5, 0.6, 0.7, 0.9, 1.0];
        let mut rows = Vec::new();
        for a in steps {
            for b in steps {
                for c in steps {
                    rows.push([a, b, c]);
                }
            }
        }
        let blank = vec![false; rows.len()];
        let (_, near) = model.scores_of(&rows.concat(), &blank, |_| true);
        for (at, row) in rows.iter().enumerate() {
            for (t, tree) in model.first.trees.iter().enumerate() {
                let leaf = usize::from(near.leaves[at * 2 + t]);
                assert_eq!(leaf, tree.leaf(row), "{row:?}");
                let (mut walked, mut read) = (vec![0.0; 3], vec![0.0; 3]);
                tree.credit(row, &mut walked);
                tree.credit_leaf(leaf, &mut read);
                assert_eq!(walked, read, "{row:?}");
                // The credits add up to the leaf's value from the root's.
                let total: f64 = read.iter().sum();
                assert!((total - (tree.values[leaf] - tree.values[0])).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn the_credits_named_are_those_a_sort_puts_first() {
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            // Few distinct values, so that ties are common.
            ((seed >> 33) % 9) as f64 / 4.0 - 1.0
        };
        let mut kept = Vec::new();
        for _ in 0..500 {
            let credits: Vec<f64> = (0..12).map(|_| next()).collect();
            for most in [0, 1, 3, 12] {
                for side in [Side::Against, Side::For] {
                    let sign = if side == Side::Against { 1.0 } else { -1.0 };
                    let mut sorted: Vec<(usize, f64)> = credits
                        .iter()
                        .copied()
                        .enumerate()
                        .filter(|&(_, c)| sign * c < 0.0)
                        .collect();
                    sorted
                        .sort_by(|a, b| (sign * a.1).total_cmp(&(sign * b.1)).then(a.0.cmp(&b.0)));
                    sorted.truncate(most);
                    most_credited(&credits, most, side, &mut kept);
                    assert_eq!(kept, sorted, "{credits:?} {side:?}");
                }
            }
        }
    }

    #[test]
    fn the_lines_needed_are_those_asked_for_and_their_neighbours_with_text() {
        let blank = [
            false, true, false, false, false, false, false, false, true, false,
        ];
        // Line 4 asked for: three lines with text each side (line 1 is blank).
        let needed = needed_lines(&blank, |line| line == 4);
        let flagged: Vec<usize> = (0..blank.len()).filter(|&i| needed[i]).collect();
        assert_eq!(flagged, [0, 2, 3, 4, 5, 6, 7]);
        let needed = needed_lines(&blank, |line| line == 9 || line == 0);
        let flagged: Vec<usize> = (0..blank.len()).filter(|&i| needed[i]).collect();
        assert_eq!(flagged, [0, 2, 3, 4, 5, 6, 7, 9]);
        assert!(!needed_lines(&blank, |_| false).contains(&true));
        // A score asked of some lines is the score asked of all of them.
        let model = LineModel::parse(&deeper(), &["a", "b", "c"]).unwrap();
        let rows: Vec<f32> = (0..30).map(|i| (i * 7 % 10) as f32 / 10.0).collect();
        let all = model.scores(&rows, &blank);
        let (some, _) = model.scores_of(&rows, &blank, |line| line == 5);
        assert_eq!(some[5], all[5]);
    }

    #[test]
    fn a_line_without_a_first_score_has_a_verdict_without_credits() {
        let model = LineModel::parse(&tiny(), &["a", "b"]).unwrap();
        let rows = [[1.0, 0.0], [0.25, 0.0], [0.0, 0.0]];
        let blank = [false, false, true];
        let (scores, near) = model.scores_of(&rows.concat(), &blank, |line| line == 0);
        // Line 2 is blank: no row of the first forest, no leaves.
        let verdicts = model.verdicts(&rows.concat(), &near, &[0, 2], &scores, 3, Side::Against);
        assert_eq!(verdicts.len(), 2);
        assert!(verdicts[1].credits.is_empty());
    }

    #[test]
    fn a_node_with_two_parents_is_refused() {
        let text = deeper().replace("[2, 0.2, 7, 8, 0.2]", "[2, 0.2, 5, 8, 0.2]");
        let error = LineModel::parse(&text, &["a", "b", "c"]).unwrap_err();
        assert!(error.contains("node 5 has more than one parent"), "{error}");
    }

    #[test]
    fn evidence_names_what_pulled_a_line_down() {
        let model = LineModel::parse(&tiny(), &["a", "b"]).unwrap();
        // Line 1 scores low alone (a <= 0.5) and its neighbour before it high.
        let rows = [[1.0, 0.0], [0.25, 0.0]];
        let blank = [false, false];
        let (scores, near) = model.scores_of(&rows.concat(), &blank, |_| true);
        let verdicts = model.verdicts(&rows.concat(), &near, &[1], &scores, 3, Side::Against);
        let verdict = &verdicts[0];
        assert_eq!(verdict.alone, logistic(-2.0) as f32);
        assert_eq!(verdict.credits, [("a", 0.25, -2.0)]);
        assert_eq!(scores[1], logistic(0.1 - 1.0 + 0.5));
        assert_eq!(
            verdict.evidence(0.5),
            "score 0.401 < 0.50 (alone 0.12); against: a=0.25 (-2.00)"
        );
        // Line 0 scores high alone (a > 0.5): a kept line's evidence names what held it up.
        let kept = &model.verdicts(&rows.concat(), &near, &[0], &scores, 3, Side::For)[0];
        assert_eq!(kept.credits, [("a", 1.0, 2.0)]);
        assert!(scores[0] >= 0.5);
        assert_eq!(
            kept.evidence(0.5),
            format!(
                "score {:.3} >= 0.50 (alone 0.88); for: a=1 (+2.00)",
                scores[0]
            )
        );
        // Nothing of line 0 pulled it down, nothing of line 1 held it up.
        let none = model.verdicts(&rows.concat(), &near, &[0, 1], &scores, 3, Side::Against);
        assert!(none[0].credits.is_empty());
        let none = model.verdicts(&rows.concat(), &near, &[1], &scores, 3, Side::For);
        assert!(none[0].credits.is_empty());
    }

    fn column(name: &str) -> usize {
        CONTEXT_NAMES.iter().position(|n| *n == name).unwrap()
    }

    #[test]
    fn the_context_is_the_scores_of_the_neighbours_with_text() {
        let firsts = [0.2, 0.0, 0.0, 0.9, 0.7, 0.8, 0.0, 0.1];
        let blank = [false, false, true, false, false, false, true, false];
        let rows = context_rows(&firsts, &blank);
        let get = |line: usize, name: &str| rows[line][column(name)];
        assert_eq!(get(3, "score"), 0.9);
        assert_eq!(get(3, "score_before_1"), 0.0);
        assert_eq!(get(3, "score_before_2"), 0.2);
        assert_eq!(get(3, "score_before_3"), 0.0);
        assert_eq!(get(3, "score_after_1"), 0.7);
        assert_eq!(get(3, "score_after_3"), 0.1);
        assert_eq!(get(7, "score_after_1"), 0.0);
        // Blank lines have no context; a page of blank lines none at all.
        assert_eq!(rows[2], [0.0; CONTEXT_NAMES.len()]);
        assert_eq!(context_rows(&[0.0], &[true]), [[0.0; CONTEXT_NAMES.len()]]);
    }

    /// `below(t)` is the largest f32 at most t: comparing an f32 with it is comparing its
    /// f64 value with t.
    #[test]
    fn thresholds_rounded_down_compare_as_the_f64_ones() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut thresholds = vec![
            0.0, -0.0, 1.0, -1.0, 0.5, 1e-40, -1e-40, 3.4e38, 1e300, -1e300,
        ];
        let mut values: Vec<f32> = vec![0.0, -0.0, 1.0, -1.0, f32::MIN_POSITIVE, f32::MAX];
        for _ in 0..2000 {
            let bits = next();
            let t = f64::from_bits(bits >> 2) * if bits & 1 == 0 { 1.0 } else { -1.0 };
            if t.is_finite() {
                thresholds.push(t);
                let near = t as f32;
                values.extend([near, f32::from_bits(near.to_bits().wrapping_add(1))]);
                values.push(f32::from_bits(near.to_bits().wrapping_sub(1)));
            }
            thresholds.push(f64::from(next() as u32) / 4096.0 - 500_000.0);
            values.push(f32::from_bits(next() as u32));
        }
        for &t in &thresholds {
            let low = below(t);
            assert!(f64::from(low) <= t, "{t}");
            for &x in values.iter().filter(|x| !x.is_nan()) {
                assert_eq!(x <= low, f64::from(x) <= t, "x {x:e}, t {t:e}");
            }
        }
    }

    #[test]
    fn evidence_numbers_are_written_as_format_writes_them() {
        for value in [
            0.0, 0.5, 2.5, 0.018, 0.0184, 0.1236, -0.04, -1.37, 12.345_67, 4.0, -4.0, 1e-9, 0.999_6,
        ] {
            for places in [0u32, 2, 3] {
                let mut ours = String::new();
                push_fixed(&mut ours, value, places, false);
                assert_eq!(
                    ours,
                    format!("{value:.*}", places as usize),
                    "{value} {places}"
                );
                let mut signed = String::new();
                push_fixed(&mut signed, value, places, true);
                let expected = format!("{value:+.*}", places as usize);
                // format! keeps the sign of a negative value that rounds to zero.
                let expected = expected
                    .replace("-0.00", "+0.00")
                    .replace("-0.000", "+0.000");
                assert_eq!(signed, expected.replace("+-", "-"), "{value} {places}");
            }
        }
        let mut huge = String::new();
        push_fixed(&mut huge, 1e20, 2, false);
        assert_eq!(huge, format!("{:.2}", 1e20));
    }

    #[test]
    fn digits_are_written_as_format_writes_them() {
        for value in [
            0u64,
            1,
            7,
            10,
            99,
            100,
            12_345,
            999_999,
            1_000_000,
            u64::MAX,
        ] {
            for width in [1usize, 2, 3, 6] {
                let mut ours = String::from("x");
                push_digits(&mut ours, value, width);
                assert_eq!(ours, format!("x{value:0width$}"), "{value} {width}");
            }
        }
    }

    #[test]
    fn bad_models_are_refused_with_the_reason() {
        let refused = |text: &str, why: &str| {
            let error = LineModel::parse(text, &["a", "b"]).unwrap_err();
            assert!(error.contains(why), "{error:?} lacks {why:?}");
        };
        refused("{", "EOF");
        refused(
            &tiny().replace("\"format\": 1", "\"format\": 2"),
            "format 1",
        );
        let error = LineModel::parse(&tiny(), &["a"]).unwrap_err();
        assert!(error.contains("not this core's"), "{error}");
        refused(
            &tiny().replace("[0, 0.5, 1, 2, 0.0]", "[7, 0.5, 1, 2, 0.0]"),
            "column 7",
        );
        refused(
            &tiny().replace("[0, 0.5, 1, 2, 0.0]", "[0, 0.5, 0, 2, 0.0]"),
            "out of order",
        );
        refused(
            &tiny().replace("[0, 0.5, 1, 2, 0.0]", "[0, 0.5, 1, 9, 0.0]"),
            "out of range",
        );
        refused(&tiny().replace("[-2.0]", "[\"x\"]"), "finite number");
        refused(&tiny().replace("[-2.0]", "[1, 2]"), "neither a leaf");
        refused(
            &tiny().replace("\"score_after_3\"", "\"score_after_4\""),
            "this core's context columns",
        );
    }
}
