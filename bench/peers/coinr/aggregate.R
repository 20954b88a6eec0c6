# COINr as a peer: its aggregation functions (a_amean, a_gmean, a_hmean, a_copeland) on small
# cases (ties, missing values, unequal weights), and Aggregate() over the ASEM example coin
# normalised to [1, 100] with unequal weights, written as a fixture Keping's tests compare against
# (packages/core/src/index-engine/fixtures/coinr-aggregate.json). Run by `npm run bench -- coinr`.
args <- commandArgs(trailingOnly = TRUE)
lib <- args[[1]]
out <- args[[2]]
suppressMessages(library(COINr, lib.loc = lib))

num <- function(v) paste0("[", paste(ifelse(is.na(v), "null", sprintf("%.17g", v)), collapse = ","), "]")
mat <- function(m) paste0("[", paste(apply(m, 1, num), collapse = ","), "]")
str <- function(v) paste0("[", paste0('"', v, '"', collapse = ","), "]")

data <- list(
  ties = list(x = rbind(c(3, 1, 2, 5), c(3, 1, 2, 5), c(1, 4, 2, 2), c(2, 2, 2, 2), c(5, 1, 1, 4), c(1, 5, 4, 1)),
              w = c(1, 1, 1, 1)),
  unequal_weights = list(x = rbind(c(0.5, 8, 3), c(4, 2, 6), c(7, 1, 0.25), c(2, 2, 9), c(6, 6, 6)),
                         w = c(3, 0.5, 1.5)),
  missing = list(x = rbind(c(2, NA, 4, 1), c(NA, 3, 3, 2), c(5, 1, NA, NA), c(1, 2, 3, 4), c(4, 4, 1, NA), c(3, NA, 2, 5)),
                 w = c(2, 1, 1, 0.5)),
  # one win, one loss and one tie out of three equal weights: exactly half, a draw
  copeland_draws = list(x = rbind(c(1, 2, 3), c(2, 1, 3), c(3, 3, 1), c(2, 2, 2)), w = c(1, 1, 1)),
  # COINr's testthat "copeland" and "outranking" data
  testthat = list(x = cbind(1:4, c(3:1, 5), c(2, 3, 1, 4)), w = c(1, 1, 1))
)
cases <- character(0)
for (name in names(data)) {
  x <- data[[name]]$x
  w <- data[[name]]$w
  cases <- c(cases, sprintf('{"data":"%s","weights":%s,"rows":%s,"a_amean":%s,"a_gmean":%s,"a_hmean":%s,"a_copeland":%s}',
    name, num(w), mat(x),
    num(apply(x, 1, a_amean, w = w)), num(apply(x, 1, a_gmean, w = w)), num(apply(x, 1, a_hmean, w = w)),
    num(a_copeland(as.data.frame(x), w = w))))
}

# Aggregate() on the ASEM coin: Raw → n_minmax to [1, 100] (directions applied) → each method at every level
coin <- build_example_coin(up_to = "new_coin", quietly = TRUE)
wts <- coin$Meta$Weights$Original
wts$Weight <- 0.5 + (seq_len(nrow(wts)) %% 4) * 0.75  # unequal, fixed; passed as Aggregate()'s w (NULL means the metadata's)
coin <- Normalise(coin, dset = "Raw", global_specs = list(f_n = "n_minmax", f_n_para = list(l_u = c(1, 100))))
imeta <- coin$Meta$Ind[!is.na(coin$Meta$Ind$Level), ]
raw <- get_dset(coin, "Raw")
inds <- imeta$iCode[imeta$Level == 1]
results <- character(0)
for (f in c("a_amean", "a_gmean", "a_hmean")) {
  agg <- get_dset(Aggregate(coin, dset = "Normalised", f_ag = f, w = wts), "Aggregated")
  codes <- imeta$iCode[imeta$Level > 1]
  results <- c(results, sprintf('"%s":{%s}', f, paste(sprintf('"%s":%s', codes, sapply(codes, function(k) num(agg[[k]]))), collapse = ",")))
}
nodes <- sprintf('{"code":"%s","level":%d,"parent":%s,"weight":%.17g,"direction":%s,"target":%s}', imeta$iCode, imeta$Level,
                 ifelse(is.na(imeta$Parent), "null", paste0('"', imeta$Parent, '"')),
                 wts$Weight[match(imeta$iCode, wts$iCode)], ifelse(is.na(imeta$Direction), "null", imeta$Direction),
                 ifelse(is.na(imeta$Target), "null", sprintf("%.17g", imeta$Target)))
coinJson <- sprintf('{"units":%s,"nodes":[%s],"indicators":%s,"raw":%s,"aggregated":{%s}}',
                    str(raw$uCode), paste(nodes, collapse = ","), str(inds), mat(as.matrix(raw[inds])), paste(results, collapse = ","))

json <- sprintf('{"peer":"COINr %s","command":"Rscript bench/peers/coinr/aggregate.R <lib> <out> (npm run bench -- coinr)","cases":[\n%s\n],\n"coin":%s}\n',
                as.character(utils::packageVersion("COINr", lib.loc = lib)), paste(cases, collapse = ",\n"), coinJson)
writeLines(json, out, sep = "")
