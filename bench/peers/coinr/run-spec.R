# COINr as a peer, driven by a Keping spec: reads the data (CSV, first column the unit code), the
# iMeta and the options the translator wrote (packages/core/src/index-engine/coinr-imeta.ts), builds
# a coin, runs Treat (if asked) -> Normalise -> Aggregate and writes every data set it made, the ranks
# the index scores and the seconds the pipeline took (proc.time around the three steps, reading and new_coin excluded).
# Rscript bench/peers/coinr/run-spec.R <lib> <data.csv> <imeta.csv> <options.json> <out.json>
# options.json: {"treat": false | {"winmax", "skew_thresh", "kurt_thresh"}, "normalise": {"f_n", "f_n_para"},
#                "aggregate": {"f_ag": [...], "by_df": [...]}, "write": "all" | "ranks"}
args <- commandArgs(trailingOnly = TRUE)
lib <- args[[1]]
suppressMessages(library(COINr, lib.loc = lib))
suppressMessages(library(jsonlite))

iData <- read.csv(args[[2]], check.names = FALSE, stringsAsFactors = FALSE)
names(iData)[1] <- "uCode"
iData$uCode <- as.character(iData$uCode)
iMeta <- read.csv(args[[3]], stringsAsFactors = FALSE, na.strings = "NA")
opts <- fromJSON(args[[4]], simplifyVector = TRUE)

t_coin <- proc.time()[["elapsed"]]
coin <- suppressMessages(new_coin(iData, iMeta, quietly = TRUE))
t_coin <- proc.time()[["elapsed"]] - t_coin

norm_para <- if (identical(opts$normalise$f_n_para, "use_iMeta")) "use_iMeta" else as.list(opts$normalise$f_n_para)
if (is.list(norm_para) && length(norm_para) == 0) norm_para <- NULL
dset <- "Raw"
t0 <- proc.time()[["elapsed"]]
if (!isFALSE(opts$treat)) {
  coin <- suppressMessages(Treat(coin, dset = "Raw", global_specs = list(
    f1_para = list(na.rm = TRUE, winmax = opts$treat$winmax, skew_thresh = opts$treat$skew_thresh, kurt_thresh = opts$treat$kurt_thresh),
    f_pass_para = list(na.rm = TRUE, skew_thresh = opts$treat$skew_thresh, kurt_thresh = opts$treat$kurt_thresh))))
  dset <- "Treated"
}
coin <- suppressMessages(Normalise(coin, dset = dset, global_specs = list(f_n = opts$normalise$f_n, f_n_para = norm_para)))
coin <- suppressMessages(Aggregate(coin, dset = "Normalised", f_ag = opts$aggregate$f_ag, by_df = as.logical(opts$aggregate$by_df)))
seconds <- proc.time()[["elapsed"]] - t0

# COINr sorts its data sets by uCode: back to the input's order
agg <- get_dset(coin, "Aggregated")
agg <- agg[match(iData$uCode, agg$uCode), ]
root <- iMeta$iCode[is.na(iMeta$Parent)]
ranks <- rank(-agg[[root]], ties.method = "min", na.last = "keep")
# numbers by hand: jsonlite prints at most 15 significant digits, the comparison needs 17
num <- function(v) paste0("[", paste(ifelse(is.na(v), "null", sprintf("%.17g", v)), collapse = ","), "]")
obj <- function(cols) paste0("{", paste0('"', names(cols), '":', vapply(cols, num, character(1)), collapse = ","), "}")
parts <- c(
  sprintf('"peer":"COINr %s"', as.character(utils::packageVersion("COINr", lib.loc = lib))),
  sprintf('"units":%s', toJSON(agg$uCode)), sprintf('"index":"%s"', root),
  sprintf('"seconds":%.6f', seconds), sprintf('"seconds_new_coin":%.6f', t_coin), sprintf('"ranks":%s', num(ranks)), sprintf('"scores":%s', num(agg[[root]]))
)
if (identical(opts$write, "all")) {
  dsets <- vapply(names(coin$Data), function(n) {
    d <- get_dset(coin, n)
    d <- d[match(agg$uCode, d$uCode), setdiff(names(d), c("uCode", "uName")), drop = FALSE]
    sprintf('"%s":%s', n, obj(as.list(d)))
  }, character(1))
  parts <- c(parts, sprintf('"dsets":{%s}', paste(dsets, collapse = ",\n")))
}
writeLines(paste0("{", paste(parts, collapse = ",\n"), "}"), args[[5]])
