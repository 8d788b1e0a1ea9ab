# benchmarks.gp: the scores of each model, a bar per benchmark.
# Written by 'leaderboard plot'. Render it with
#     gnuplot path/to/benchmarks.gp
# from any directory: it reads benchmarks.dat and writes benchmarks.png next to itself
# (ARG0 is this script's path). Labels are single-quoted literals.
i = strlen(ARG0)
while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
dir = ARG0[1:i]
data = dir.'benchmarks.dat'
set terminal pngcairo noenhanced size 1084,600 font 'Sans,10'
set output dir.'benchmarks.png'
set datafile separator tab
set linetype 1 lc rgb '#4e79a7' lw 1.5 pt 7 ps 0.8
set linetype 2 lc rgb '#f28e2b' lw 1.5 pt 7 ps 0.8
set linetype 3 lc rgb '#e15759' lw 1.5 pt 7 ps 0.8
set linetype 4 lc rgb '#76b7b2' lw 1.5 pt 7 ps 0.8
set linetype 5 lc rgb '#59a14f' lw 1.5 pt 7 ps 0.8
set linetype 6 lc rgb '#edc948' lw 1.5 pt 7 ps 0.8
set linetype 7 lc rgb '#b07aa1' lw 1.5 pt 7 ps 0.8
set linetype 8 lc rgb '#ff9da7' lw 1.5 pt 7 ps 0.8
set linetype 9 lc rgb '#9c755f' lw 1.5 pt 7 ps 0.8
set linetype 10 lc rgb '#bab0ac' lw 1.5 pt 7 ps 0.8
set linetype cycle 10
set title 'Scores by benchmark'."\n".'top 8 of 13 ranked models (3 of 16 not ranked)'."\n".'in rank order by the average of 6 benchmarks (Open LLM Leaderboard v1)' font ',12'
set rmargin at screen 0.8598
set style fill solid 0.85 border -1
set boxwidth 0.128571 absolute
set yrange [0:100]
set ytics 0,20,100
set xrange [-0.6:7.6]
set ylabel 'score'
set grid ytics
set key outside right top vertical noreverse
set xtics nomirror rotate by -30 left scale 0
set xtics ('01-ai/Yi-34B' 0)
set xtics add ('mistralai/Mixtral-8x7B-v0.1' 1)
set xtics add ('meta-llama/Llama-2-70b-hf' 2)
set xtics add ('tiiuae/falcon-180B' 3)
set xtics add ('tiiuae/falcon-40b' 4)
set xtics add ('meta-llama/Llama-2-13b-hf' 5)
set xtics add ('lmsys/vicuna-13b-v1.5' 6)
set xtics add ('lmsys/vicuna-13b-v1.3' 7)
plot \
    data using ($1 - 0.357143):5 with boxes lt 1 title 'ARC', \
    data using ($1 - 0.214286):6 with boxes lt 2 title 'HellaSwag', \
    data using ($1 - 0.0714286):7 with boxes lt 3 title 'MMLU', \
    data using ($1 + 0.0714286):8 with boxes lt 4 title 'TruthfulQA', \
    data using ($1 + 0.214286):9 with boxes lt 5 title 'Winogrande', \
    data using ($1 + 0.357143):10 with boxes lt 6 title 'GSM8K'
