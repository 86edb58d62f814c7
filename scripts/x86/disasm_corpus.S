# scripts/x86/disasm_corpus.S — hand-written i386 instruction forms for the disassembler golden
# (scripts/gen_x86_disasm_golden.ts). Forms GCC emits plus the rest of the integer ISA.
	.text
	.globl corpus
corpus:
	add %eax,%ebx; add %bl,%ch; add %ax,%dx; add $1,%eax; add $0x12345678,%ecx; add $-1,%bl; add $5,%al; add $0x1234,%ax
	addl $3,(%eax); addw $3,(%eax); addb $3,(%eax); addl $300,4(%ebp); add %eax,(%ebx,%ecx,4); add 8(%esp),%esi
	or %eax,%ebx; adc %eax,%ebx; sbb %eax,%ebx; and %eax,%ebx; sub %eax,%ebx; xor %eax,%ebx; cmp %eax,%ebx
	orl $0x80,-8(%ebp); adcl $1,(%esi); sbbl $-1,(%edi); andl $-16,%esp; subl $0x10,%esp; xorb $1,(%eax); cmpb $0,(%eax)
	cmpl $0x7fffffff,0x1000; cmp $0x20,%al; test %eax,%eax; test %al,%al; test $1,%al; testb $0x80,(%ecx); testl $0x100,4(%eax); test $0x10000,%eax
	inc %eax; dec %ebx; inc %cx; incl (%eax); decb 3(%ebx); incw (%edx); neg %eax; negl (%ecx); not %edx; notb %al
	mul %ebx; mull (%ecx); imul %ecx; imul %edx,%eax; imul 4(%esp),%eax; imul $10,%eax,%edx; imul $1000,%ecx,%ecx; imul $-3,(%eax),%eax; mulb %cl; imulw %cx
	div %ecx; divl 4(%esp); idiv %ebx; idivl (%eax); divb %bl; idivw %cx
	shl %eax; shl $2,%eax; shl %cl,%eax; shr %eax; shr $31,%edx; sar %cl,%edx; sar $3,%ebx; rol %eax; ror $8,%ax; rcl %ebx; rcr $2,%ecx
	shlb (%eax); shll $4,(%eax); sarw %cl,(%edx); roll %cl,8(%ebp); sal $1,%eax
	shld $5,%eax,%edx; shld %cl,%eax,%edx; shrd $7,%ebx,%ecx; shrd %cl,%edx,%eax; shld $3,%ax,%dx; shrdl %cl,%eax,(%ebx)
	bt %eax,%edx; bt $3,%eax; btl $5,(%ecx); bts %ecx,(%eax); btr $31,%edx; btc %eax,%ebx; btsw $2,%ax; bsf %eax,%edx; bsr (%ecx),%eax; bsfw %ax,%dx
	bswap %eax; bswap %edi
	seto %al; setno %bl; setb %cl; setae %dl; sete %ah; setne (%eax); setbe %al; seta %al; sets %al; setns %al; setp %al; setnp %al; setl %al; setge %al; setle %al; setg 3(%ebx)
	cmovo %eax,%ebx; cmovno %eax,%ebx; cmovb %eax,%ebx; cmovae %eax,%ebx; cmove %eax,%ebx; cmovne (%ecx),%ebx; cmovbe %eax,%ebx; cmova %eax,%ebx
	cmovs %eax,%ebx; cmovns %eax,%ebx; cmovp %eax,%ebx; cmovnp %eax,%ebx; cmovl %eax,%ebx; cmovge %eax,%ebx; cmovle %eax,%ebx; cmovg 4(%esp),%ebx; cmovew %ax,%bx
	movzbl %al,%eax; movzbl (%eax),%edx; movzwl %ax,%ecx; movzwl 2(%esi),%eax; movsbl %cl,%eax; movsbl (%ebx),%edx; movswl %dx,%eax; movswl (%eax),%eax; movzbw %al,%ax; movsbw (%eax),%dx
	lea 4(%esp),%ecx; lea (%eax,%ebx),%ecx; lea 0x10(,%eax,8),%edx; lea -0x80(%ebp,%esi,2),%edi; lea 0x12345678,%eax; lea (%esi),%esi; lea 0(%edi),%edi
	mov %eax,%ebx; mov %al,%bl; mov %ax,%bx; mov $5,%eax; mov $0x80,%cl; mov $0x1234,%dx; movl $0,(%esp); movb $1,(%eax); movw $2,4(%eax); mov (%eax),%eax; mov %eax,(%eax)
	mov 0x12345678,%eax; mov %eax,0x12345678; mov 0x1000,%al; mov %ax,0x2000; mov 0x1000,%ebx; mov %ecx,0x1000
	mov %gs:0x14,%eax; mov %gs:0,%edx; mov %eax,%gs:0x10; mov %fs:(%eax),%ecx; movl $1,%gs:(%ebx); mov %es:(%edi),%al; mov %ss:4(%esp),%eax; mov %cs:0x10,%eax; mov %ds:(%eax),%ebx
	mov %gs,%eax; mov %ds,(%eax); mov %eax,%gs; mov (%ebx),%fs; mov %ax,%es; mov %ss,%ax; movw %cs,%ax
	push %eax; push %ebp; push $5; push $0x12345; pushl (%eax); pushl 8(%ebp); pushw %ax; pushw $3; pop %eax; pop %edi; popl (%eax); popl 4(%esp); popw %dx
	push %es; push %cs; push %ss; push %ds; push %fs; push %gs; pop %es; pop %ss; pop %ds; pop %fs; pop %gs
	pusha; popa; pushw %ax; pushf; popf; pushfw; popfw; pushal; popal
	xchg %eax,%ebx; xchg %ebx,%ecx; xchg %eax,(%ecx); xchg %al,%bl; xchg %ax,%dx; xadd %eax,(%ecx); xadd %ecx,%edx; xaddb %al,(%ebx); cmpxchg %ecx,(%edx); cmpxchgb %cl,(%eax); cmpxchg8b (%esi)
	lock addl $1,(%eax); lock xadd %eax,(%edx); lock cmpxchg %ecx,(%edx); lock cmpxchg8b (%edi); lock incl 4(%eax); lock decl (%ebx); lock orl $0,(%esp); lock btsl $1,(%eax); lock xchg %eax,(%ebx)
	rep movsb; rep movsl; rep stosb; rep stosl; movsb; movsw; movsl; stosb; stosw; stosl; lodsb; lodsl; scasb; repne scasb; repe cmpsb; cmpsl; scasl; lodsw; repz cmpsw
	movsb %fs:(%esi),%es:(%edi); lods %gs:(%esi),%al
	daa; das; aaa; aas; aam; aad; aam $16; aad $7
	cbtw; cwtl; cwtd; cltd; lahf; sahf; clc; stc; cmc; cld; std; cli; sti; hlt; nop; pause; int3; int $0x80; int $0x91; into; ud2; cpuid; rdtsc; leave; xlat
	enter $16,$0; enter $8,$2; leave; ret; ret $8; lret; lret $4; iret
	call *%eax; call *(%eax); call *8(%ebx,%ecx,4); jmp *%eax; jmp *0x1000(,%eax,4); call *%gs:0x10; callw *%ax; jmpw *(%eax)
	loop corpus; loope corpus; loopne corpus; jecxz corpus; jcxz corpus
	jo 1f; jno 1f; jb 1f; jae 1f; je 1f; jne 1f; jbe 1f; ja 1f; js 1f; jns 1f; jp 1f; jnp 1f; jl 1f; jge 1f; jle 1f; jg 1f; jmp 1f; call 1f
1:	jo corpus; jne corpus; jg corpus; jmp corpus; call corpus
	nopw 0(%eax,%eax,1); nopl 0(%eax); nopl 0(%eax,%eax,1); nopw %cs:0(%eax,%eax,1); xchg %ax,%ax; data16 nop; nopl (%eax)
	prefetcht0 (%eax); prefetchnta 4(%ebx)
	mov %cr0,%eax; mov %eax,%cr3; mov %cr2,%edx; mov %cr4,%ecx; lgdt (%eax); lidt 4(%ebx); sgdt (%ecx); sidt (%edx); invlpg (%eax); ltr %ax; str %eax; sldt %eax; smsw %eax
	in $0x60,%al; in %dx,%eax; out %al,$0x80; out %eax,%dx; insb; outsl
	add %eax,0x4(%esp,%ebp,1); mov -0x7fffffff(%ebp),%eax; mov 0x7f(%eax),%al; mov -0x80(%eax),%al; mov 0x80(%eax),%eax; mov (%esp),%eax; mov (%ebp),%eax; mov 0(%ebp),%eax
	.byte 0x8b,0x1c,0x60; .byte 0x8b,0x04,0x25,0,0,0,0; .byte 0x8d,0xb4,0x26,0,0,0,0; mov %eax,(%esp,%eax,8)
	addr16 mov (%bx,%si),%ax; addr16 lea 4(%bp),%ax; addr16 mov 0x1234,%eax
