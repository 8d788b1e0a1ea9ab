# average.gp: the ranking as horizontal bars, rank 1 on top.
# Written by 'leaderboard plot'. Render it with
#     gnuplot path/to/average.gp
# from any directory: it reads average.dat and writes average.png next to itself
# (ARG0 is this script's path). Labels are single-quoted literals.
i = strlen(ARG0)
while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
dir = ARG0[1:i]
data = dir.'average.dat'
set terminal pngcairo noenhanced size 1000,482 font 'Sans,10'
set output dir.'average.png'
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
set title 'Average of 6 benchmarks (Open LLM Leaderboard v1)'."\n".'ARC, HellaSwag, MMLU, TruthfulQA, Winogrande, GSM8K'."\n".'all 13 ranked models (3 of 16 not ranked)' font ',12'
set lmargin at screen 0.2676
set rmargin at screen 0.9700
set xlabel 'average score'
set xrange [0:88.855155]
set xtics 0,10,80
set yrange [12.4:-0.6]
set ytics nomirror scale 0
set ytics ('1. 01-ai/Yi-34B' 0)
set ytics add ('2. mistralai/Mixtral-8x7B-v0.1' 1)
set ytics add ('3. meta-llama/Llama-2-70b-hf' 2)
set ytics add ('4. tiiuae/falcon-180B' 3)
set ytics add ('5. tiiuae/falcon-40b' 4)
set ytics add ('6. meta-llama/Llama-2-13b-hf' 5)
set ytics add ('7. lmsys/vicuna-13b-v1.5' 6)
set ytics add ('8. lmsys/vicuna-13b-v1.3' 7)
set ytics add ('9. meta-llama/Llama-2-7b-hf' 8)
set ytics add ('10. bigscience/bloom' 9)
set ytics add ('11. facebook/opt-66b' 10)
set ytics add ('12. EleutherAI/gpt-neox-20b' 11)
set ytics add ('13. EleutherAI/gpt-j-6b' 12)
set grid xtics
set style fill solid 0.85 border -1
unset key
plot data using 3:1:($3 < 0 ? $3 : 0):($3 < 0 ? 0 : $3):($1 - 0.38):($1 + 0.38) \
         with boxxyerror lc rgb '#4e79a7', \
     data using ($3 < 0 ? 0 : $3):1:4 with labels left offset char 0.5,0
